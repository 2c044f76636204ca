-- Staff users of the organisations (reviewers, inspectors, managers), with their organisation and how many
-- moderation decisions they have made. Contact details stay out (only keyed hashes exist, in staging).
with

staff as (

    select * from {{ ref('stg_platform__staff_users') }}

),

organizations as (

    select * from {{ ref('stg_platform__organizations') }}

),

decisions as (

    select
        actor_staff_id as staff_id,
        count(*) as decisions,
        min(occurred_at) as first_decision_at,
        max(occurred_at) as last_decision_at

    from {{ ref('int_moderation_events_sequenced') }}
    where is_decision and actor_staff_id is not null
    group by actor_staff_id

),

final as (

    select
        staff.staff_id,
        staff.full_name,
        staff.role,
        staff.is_active,
        staff.org_id,
        organizations.org_name,
        cast(coalesce(decisions.decisions, 0) as integer) as decisions,
        decisions.first_decision_at,
        decisions.last_decision_at,
        staff.updated_at

    from staff
    left join organizations
        on staff.org_id = organizations.org_id
    left join decisions
        on staff.staff_id = decisions.staff_id

)

select * from final
