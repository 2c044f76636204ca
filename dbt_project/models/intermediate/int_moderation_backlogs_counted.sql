-- Backlog at each period end: objects whose latest event before the end of the period is a submission or an
-- escalation, i.e. still awaiting a decision, counted under the organisation and reviewer of that latest event.
-- An object awaits under one organisation and reviewer at a time, so the counts add up across reviewers.
with

events as (

    select * from {{ ref('int_moderation_events_sequenced') }}

),

periods as (

    select * from {{ ref('int_moderation_periods_spanned') }}

),

awaiting as (

    select
        object_type,
        object_id,
        org_id,
        reviewer_staff_id,
        occurred_at as awaiting_since,
        next_event_at as awaiting_until

    from events
    where is_awaiting_decision

),

awaiting_at_period_end as (

    select
        periods.period_kind,
        periods.period_start,
        awaiting.object_type,
        awaiting.org_id,
        awaiting.reviewer_staff_id,
        awaiting.object_id

    from awaiting
    inner join periods
        on awaiting.awaiting_since < cast(periods.period_end as timestamp)
        and (
            awaiting.awaiting_until is null
            or awaiting.awaiting_until >= cast(periods.period_end as timestamp)
        )

),

counted as (

    select
        period_kind,
        period_start,
        object_type,
        org_id,
        reviewer_staff_id,
        count(distinct object_id) as backlog_end

    from awaiting_at_period_end
    group by period_kind, period_start, object_type, org_id, reviewer_staff_id

)

select * from counted
