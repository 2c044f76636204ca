-- Operational incidents of the platform (sự cố): per month, province (of the organisation concerned, 'unknown'
-- without one) and severity, how many were reported and resolved, how long they took (hours, by the month
-- resolved) and how many were still open at the month end.
{%- set group_by = ['province_code', 'severity'] %}
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

grid as (

    {{ month_grid('monthly', group_by) }}

),

running as (

    select
        grid.*,
        monthly.reported,
        monthly.resolved,
        monthly.median_hours_to_resolve,
        monthly.p90_hours_to_resolve,
        {{ running_sum('coalesce(monthly.reported, 0) - coalesce(monthly.resolved, 0)', group_by) }}
            as open_at_month_end

    from grid
    left join monthly
        on {{ same_group('grid', 'monthly', group_by + ['month']) }}

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
