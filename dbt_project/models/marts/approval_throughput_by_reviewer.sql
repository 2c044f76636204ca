-- Approval throughput per reviewer: approval_throughput (macros/moderation_throughput.sql) one level finer, per
-- organisation and reviewer. A decision or escalation counts for the staff user who made it; a submission and
-- the backlog for the one who last acted on the object (who decided it or holds it), 'unassigned' when no one
-- has yet.
with

throughput as (

    {{ moderation_throughput(['org_id', 'reviewer_staff_id']) | indent(4) }}

),

staff as (

    select * from {{ ref('stg_platform__staff_users') }}

),

final as (

    select
        throughput.*,
        staff.full_name as reviewer_name

    from throughput
    left join staff
        on throughput.reviewer_staff_id = staff.staff_id

)

select * from final
