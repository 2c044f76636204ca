-- Complaints and disputes (khiếu nại, tranh chấp): per month, province, kind and category, how many were
-- received and resolved, with what outcome, how fast (days, and within the service level in working days),
-- and how many were still open at the month end. Received counts by the month received; resolved, outcomes and
-- times by the month resolved. Province: int_complaints_located.
{%- set group_by = ['province_code', 'kind', 'category'] %}
with

complaints as (

    select * from {{ ref('int_complaints_located') }}

),

movements as (

    select
        province_code,
        kind,
        category,
        received_month as month,
        1 as received,
        0 as resolved,
        0 as upheld,
        0 as rejected,
        0 as withdrawn,
        0 as mediated,
        0 as resolved_within_service_level,
        cast(null as double precision) as days_to_resolve
    from complaints

    union all

    select
        province_code,
        kind,
        category,
        resolved_month as month,
        0 as received,
        1 as resolved,
        case when outcome = 'upheld' then 1 else 0 end as upheld,
        case when outcome = 'rejected' then 1 else 0 end as rejected,
        case when outcome = 'withdrawn' then 1 else 0 end as withdrawn,
        case when outcome = 'mediated' then 1 else 0 end as mediated,
        case when is_resolved_within_service_level then 1 else 0 end as resolved_within_service_level,
        days_to_resolve
    from complaints
    where resolved_at is not null

),

monthly as (

    select
        province_code,
        kind,
        category,
        month,
        sum(received) as received,
        sum(resolved) as resolved,
        sum(upheld) as upheld,
        sum(rejected) as rejected,
        sum(withdrawn) as withdrawn,
        sum(mediated) as mediated,
        sum(resolved_within_service_level) as resolved_within_service_level,
        {{ median('days_to_resolve') }} as median_days_to_resolve,
        {{ percentile('days_to_resolve', 0.9) }} as p90_days_to_resolve

    from movements
    group by province_code, kind, category, month

),

grid as (

    {{ month_grid('monthly', group_by) }}

),

running as (

    select
        grid.*,
        monthly.received,
        monthly.resolved,
        monthly.upheld,
        monthly.rejected,
        monthly.withdrawn,
        monthly.mediated,
        monthly.resolved_within_service_level,
        monthly.median_days_to_resolve,
        monthly.p90_days_to_resolve,
        {{ running_sum('coalesce(monthly.received, 0) - coalesce(monthly.resolved, 0)', group_by) }}
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
        running.kind,
        running.category,
        ---------- counts
        cast(coalesce(running.received, 0) as integer) as received,
        cast(coalesce(running.resolved, 0) as integer) as resolved,
        cast(coalesce(running.upheld, 0) as integer) as upheld,
        cast(coalesce(running.rejected, 0) as integer) as rejected,
        cast(coalesce(running.withdrawn, 0) as integer) as withdrawn,
        cast(coalesce(running.mediated, 0) as integer) as mediated,
        cast(coalesce(running.resolved_within_service_level, 0) as integer) as resolved_within_service_level,
        cast(running.open_at_month_end as integer) as open_at_month_end,
        ---------- resolution time
        {{ to_decimal('running.median_days_to_resolve', 8, 1) }} as median_days_to_resolve,
        {{ to_decimal('running.p90_days_to_resolve', 8, 1) }} as p90_days_to_resolve

    from running
    left join provinces
        on running.province_code = provinces.province_code
    where coalesce(running.received, 0) + coalesce(running.resolved, 0) + running.open_at_month_end > 0

)

select * from final
