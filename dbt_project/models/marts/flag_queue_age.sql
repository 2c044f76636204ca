-- The review queue's age at this run (Vietnam time): per organisation, object type and status still waiting
-- (open, escalated), how many items and how long since they were first flagged, in days.
with

queue as (

    select * from {{ ref('flagged_items') }}
    where status in ('open', 'escalated')

),

aged as (

    select
        coalesce(org_id, 'unassigned') as org_id,
        object_type,
        status,
        {{ hours_between('first_flagged_at', run_timestamp()) }} / 24.0 as age_days

    from queue

),

final as (

    select
        org_id,
        object_type,
        status,
        cast(count(*) as integer) as items,
        {{ to_decimal(median('age_days'), 10, 1) }} as median_age_days,
        {{ to_decimal('max(age_days)', 10, 1) }} as max_age_days,
        cast(sum(case when age_days > {{ var('flag_queue_overdue_days') }} then 1 else 0 end) as integer)
            as items_over_overdue_days

    from aged
    group by org_id, object_type, status

)

select * from final
