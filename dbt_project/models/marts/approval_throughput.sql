-- Approval throughput (tình hình duyệt thông tin): per day, ISO week and month, object type and
-- organisation, what was submitted and decided, the time to decision, and the backlog at the period end.
with

events as (

    select * from {{ ref('int_moderation_events_sequenced') }}

),

service_requests as (

    select * from {{ ref('int_service_requests_timed') }}

),

backlogs as (

    select * from {{ ref('int_moderation_backlogs_counted') }}

),

events_in_periods as (

    {% for period_kind in ['day', 'week', 'month'] -%}
    select
        '{{ period_kind }}' as period_kind,
        {{ period_start(period_kind, 'events.occurred_at') }} as period_start,
        events.*,
        service_requests.is_within_service_level
    from events
    left join service_requests
        on events.event_id = service_requests.request_id
        and events.object_type = service_requests.request_type
    {{ 'union all' if not loop.last }}
    {% endfor %}

),

counted as (

    select
        period_kind,
        period_start,
        object_type,
        org_id,
        sum(case when action = 'submitted' then 1 else 0 end) as submitted,
        sum(case when is_decision then 1 else 0 end) as decided,
        sum(case when action = 'approved' then 1 else 0 end) as approved,
        sum(case when action = 'rejected' then 1 else 0 end) as rejected,
        sum(case when action = 'changes_requested' then 1 else 0 end) as changes_requested,
        sum(case when action = 'confirmed' then 1 else 0 end) as confirmed,
        sum(case when action = 'dismissed' then 1 else 0 end) as dismissed,
        sum(case when action = 'escalated' then 1 else 0 end) as escalated,
        sum(case when is_resubmission then 1 else 0 end) as resubmissions,
        sum(case when is_decision and not is_within_service_level then 1 else 0 end)
            as decided_past_service_level,
        {{ median('hours_to_decision') }} as median_hours_to_decision,
        {{ percentile('hours_to_decision', 0.9) }} as p90_hours_to_decision

    from events_in_periods
    group by period_kind, period_start, object_type, org_id

),

grain as (

    select period_kind, period_start, object_type, org_id from counted
    union
    select period_kind, period_start, object_type, org_id from backlogs

),

final as (

    select
        ---------- grain
        grain.period_kind,
        grain.period_start,
        grain.object_type,
        grain.org_id,
        ---------- counts
        cast(coalesce(counted.submitted, 0) as integer) as submitted,
        cast(coalesce(counted.decided, 0) as integer) as decided,
        cast(coalesce(counted.approved, 0) as integer) as approved,
        cast(coalesce(counted.rejected, 0) as integer) as rejected,
        cast(coalesce(counted.changes_requested, 0) as integer) as changes_requested,
        cast(coalesce(counted.confirmed, 0) as integer) as confirmed,
        cast(coalesce(counted.dismissed, 0) as integer) as dismissed,
        cast(coalesce(counted.escalated, 0) as integer) as escalated,
        cast(coalesce(counted.resubmissions, 0) as integer) as resubmissions,
        cast(coalesce(backlogs.backlog_end, 0) as integer) as backlog_end,
        ---------- time to decision
        {{ to_decimal("counted.median_hours_to_decision", 12, 2) }} as median_hours_to_decision,
        {{ to_decimal("counted.p90_hours_to_decision", 12, 2) }} as p90_hours_to_decision,
        cast(coalesce(counted.decided_past_service_level, 0) as integer) as decided_past_service_level

    from grain
    left join counted
        on grain.period_kind = counted.period_kind
        and grain.period_start = counted.period_start
        and grain.object_type = counted.object_type
        and grain.org_id = counted.org_id
    left join backlogs
        on grain.period_kind = backlogs.period_kind
        and grain.period_start = backlogs.period_start
        and grain.object_type = backlogs.object_type
        and grain.org_id = backlogs.org_id

)

select * from final
