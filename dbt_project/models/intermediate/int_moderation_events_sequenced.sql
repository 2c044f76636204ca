-- Each moderation event in the order of its object's history, with the organisation and the reviewer
-- responsible, whether a submission is a resubmission, and for each decision the submission it decides and the
-- hours it took.
with

events as (

    select * from {{ ref('stg_platform__moderation_events') }}

),

-- Submissions often carry no organisation: take the one that last acted on the object.
object_orgs as (

    select
        object_type,
        object_id,
        org_id

    from (
        select
            object_type,
            object_id,
            org_id,
            row_number() over (
                partition by object_type, object_id
                order by occurred_at desc, event_id desc
            ) as recency
        from events
        where org_id is not null
    ) as acting
    where recency = 1

),

-- Submissions carry no reviewer either: the staff user who last acted on the object (who decided it, or
-- holds it escalated) is the one it waits for.
object_reviewers as (

    select
        object_type,
        object_id,
        actor_staff_id

    from (
        select
            object_type,
            object_id,
            actor_staff_id,
            row_number() over (
                partition by object_type, object_id
                order by occurred_at desc, event_id desc
            ) as recency
        from events
        where actor_staff_id is not null
    ) as acting
    where recency = 1

),

numbered as (

    select
        events.event_id,
        events.object_type,
        events.object_id,
        events.action,
        events.actor_staff_id,
        coalesce(events.org_id, object_orgs.org_id, 'unassigned') as org_id,
        coalesce(events.actor_staff_id, object_reviewers.actor_staff_id, 'unassigned') as reviewer_staff_id,
        events.occurred_at,
        events.reason,
        events.action in ('approved', 'rejected', 'changes_requested', 'confirmed', 'dismissed') as is_decision,
        -- a submission and its decision at the same instant: the submission comes first
        row_number() over (
            partition by events.object_type, events.object_id
            order by events.occurred_at, case when events.action = 'submitted' then 0 else 1 end, events.event_id
        ) as event_number

    from events
    left join object_orgs
        on events.object_type = object_orgs.object_type
        and events.object_id = object_orgs.object_id
    left join object_reviewers
        on events.object_type = object_reviewers.object_type
        and events.object_id = object_reviewers.object_id

),

sequenced as (

    select
        *,
        sum(case when is_decision then 1 else 0 end) over (
            partition by object_type, object_id
            order by event_number
            rows between unbounded preceding and 1 preceding
        ) as earlier_decisions,
        max(case when action = 'submitted' then occurred_at end) over (
            partition by object_type, object_id
            order by event_number
            rows between unbounded preceding and current row
        ) as last_submitted_at,
        lead(occurred_at) over (
            partition by object_type, object_id
            order by event_number
        ) as next_event_at

    from numbered

),

final as (

    select
        event_id,
        object_type,
        object_id,
        action,
        actor_staff_id,
        org_id,
        reviewer_staff_id,
        occurred_at,
        reason,
        event_number,
        is_decision,
        action = 'submitted' and coalesce(earlier_decisions, 0) > 0 as is_resubmission,
        action in ('submitted', 'escalated') as is_awaiting_decision,
        case when is_decision then last_submitted_at end as submitted_at,
        case
            when is_decision and last_submitted_at is not null
                then {{ hours_between('last_submitted_at', 'occurred_at') }}
        end as hours_to_decision,
        next_event_at

    from sequenced

)

select * from final
