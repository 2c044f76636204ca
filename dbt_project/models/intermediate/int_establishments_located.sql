-- The current version of each establishment with its province ('unknown' when the address did not
-- resolve), its category ('other' when none is given) and its owner's account status.
with

establishments as (

    select * from {{ ref('stg_platform__establishments') }}

),

members as (

    select * from {{ ref('stg_platform__members') }}

),

located as (

    select
        ---------- ids
        establishments.establishment_id,
        establishments.owner_member_id,
        establishments.org_id,
        ---------- text
        establishments.establishment_name,
        establishments.kind,
        coalesce(establishments.main_category, 'other') as category,
        {{ province_code_or_unknown('establishments.province_code') }} as province_code,
        {{ province_name_or_unknown('establishments.province') }} as province,
        establishments.status,
        members.status as owner_status,
        ---------- dates
        establishments.registered_at,
        establishments.approved_at

    from establishments
    left join members
        on establishments.owner_member_id = members.member_id

)

select * from located
