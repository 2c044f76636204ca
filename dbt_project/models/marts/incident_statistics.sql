-- Operational incidents of the platform (sự cố): per month, province (of the organisation concerned, 'unknown'
-- without one) and severity, how many were reported and resolved, how long they took (hours, by the month
-- resolved) and how many were still open at the month end.
with

incidents as (

    select * from {{ ref('int_incidents_located') }}

),

movements as (

    select
        province_code,
        severity,
        reported_month as month,
        1 as reported,
        0 as resolved,
        cast(null as double precision) as hours_to_resolve
    from incidents

    union all

    select
        province_code,
        severity,
        resolved_month as month,
        0 as reported,
        1 as resolved,
        hours_to_resolve
    from incidents
    where resolved_at is not null

),

monthly as (

    select
        province_code,
        severity,
        month,
        sum(reported) as reported,
        sum(resolved) as resolved,
        {{ median('hours_to_resolve') }} as median_hours_to_resolve,
        {{ percentile('hours_to_resolve', 0.9) }} as p90_hours_to_resolve

    from movements
    group by province_code, severity, month

),

-- every month from a group's first incident on, so that incidents still open show in quiet months too
months as (

    select month from {{ ref('int_months_spanned') }}
    union
    select month from monthly

),

groups as (

    select
        province_code,
        severity,
        min(month) as first_month

    from monthly
    group by province_code, severity

),

running as (

    select
        groups.province_code,
        groups.severity,
        months.month,
        monthly.reported,
        monthly.resolved,
        monthly.median_hours_to_resolve,
        monthly.p90_hours_to_resolve,
        sum(coalesce(monthly.reported, 0) - coalesce(monthly.resolved, 0)) over (
            partition by groups.province_code, groups.severity
            order by months.month
            rows between unbounded preceding and current row
        ) as open_at_month_end

    from groups
    inner join months
        on months.month >= groups.first_month
    left join monthly
        on groups.province_code = monthly.province_code
        and groups.severity = monthly.severity
        and months.month = monthly.month

),

provinces as (

    select * from {{ ref('int_provinces_named') }}

),

final as (

    select
        ---------- grain
        running.month,
        running.province_code,
        coalesce(provinces.province, running.province_code) as province,
        running.severity,
        ---------- counts
        cast(coalesce(running.reported, 0) as integer) as reported,
        cast(coalesce(running.resolved, 0) as integer) as resolved,
        cast(running.open_at_month_end as integer) as open_at_month_end,
        ---------- time to resolve
        {{ to_decimal('running.median_hours_to_resolve', 12, 2) }} as median_hours_to_resolve,
        {{ to_decimal('running.p90_hours_to_resolve', 12, 2) }} as p90_hours_to_resolve

    from running
    left join provinces
        on running.province_code = provinces.province_code
    where coalesce(running.reported, 0) + coalesce(running.resolved, 0) + running.open_at_month_end > 0

)

select * from final
