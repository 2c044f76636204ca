-- Reviewers' decisions on flagged items: moderation events on object type 'flag' whose object id names the
-- flagged item as '<object type>:<object id>' (for example 'listing:L6'), with action confirmed, dismissed or
-- escalated. They arrive with the platform's moderation events or through `giamsat import-decisions`, which
-- writes the same events. One row per decision, with its rank among the item's decisions (1 = latest).
with

events as (

    select * from {{ ref('stg_platform__moderation_events') }}
    where
        object_type = 'flag'
        and action in ('confirmed', 'dismissed', 'escalated')
        and object_id like '%:%'

),

decisions as (

    select
        event_id,
        {{ dbt.split_part('object_id', "':'", 1) }} as object_type,
        substr(object_id, length({{ dbt.split_part('object_id', "':'", 1) }}) + 2) as object_id,
        action as decision,
        occurred_at as decided_at,
        actor_staff_id as decided_by,
        org_id,
        reason

    from events

),

ranked as (

    select
        decisions.*,
        row_number() over (
            partition by object_type, object_id
            order by decided_at desc, event_id desc
        ) as decision_rank

    from decisions

)

select * from ranked
