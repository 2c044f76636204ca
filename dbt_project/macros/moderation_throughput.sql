{#- Approval throughput grouped by period (day, ISO week, month), object type and the given columns of
    int_moderation_events_sequenced (org_id; org_id and reviewer_staff_id): what was submitted and decided, the
    time to decision, decisions past the service level and the backlog at the period end. approval_throughput
    and approval_throughput_by_reviewer are this one rule at two grains. -#}
{% macro moderation_throughput(group_columns) %}
{%- set grain = ['period_kind', 'period_start', 'object_type'] + group_columns -%}
with

events as (

    select * from {{ ref('int_moderation_events_sequenced') }}

),

service_requests as (

    select * from {{ ref('int_service_requests_timed') }}

),

-- the backlog is counted per organisation and reviewer; an object awaits under one of each, so sums are exact
backlogs as (

    select
        {{ grain | join(', ') }},
        sum(backlog_end) as backlog_end

    from {{ ref('int_moderation_backlogs_counted') }}
    group by {{ grain | join(', ') }}

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
        {{ grain | join(', ') }},
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
    group by {{ grain | join(', ') }}

),

grain as (

    select {{ grain | join(', ') }} from counted
    union
    select {{ grain | join(', ') }} from backlogs

),

final as (

    select
        ---------- grain
        {% for column in grain -%}
        grain.{{ column }},
        {% endfor -%}
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
        on {% for column in grain %}grain.{{ column }} = counted.{{ column }}{{ ' and ' if not loop.last }}{% endfor %}
    left join backlogs
        on {% for column in grain %}grain.{{ column }} = backlogs.{{ column }}{{ ' and ' if not loop.last }}{% endfor %}

)

select * from final
{% endmacro %}
