-- Organisations (sở ban ngành and their units) that oversee the platform, with their parent, province and how
-- many staff users and establishments they have.
with

organizations as (

    select * from {{ ref('stg_platform__organizations') }}

),

provinces as (

    select * from {{ ref('int_provinces_named') }}

),

staff as (

    select
        org_id,
        count(*) as staff_users,
        sum(case when is_active then 1 else 0 end) as active_staff_users

    from {{ ref('stg_platform__staff_users') }}
    group by org_id

),

establishments as (

    select
        org_id,
        count(*) as establishments

    from {{ ref('int_establishments_located') }}
    group by org_id

),

final as (

    select
        organizations.org_id,
        organizations.org_name,
        organizations.kind,
        organizations.sector,
        organizations.parent_org_id,
        parents.org_name as parent_org_name,
        organizations.province_code,
        coalesce(provinces.province, organizations.province_code) as province,
        cast(coalesce(staff.staff_users, 0) as integer) as staff_users,
        cast(coalesce(staff.active_staff_users, 0) as integer) as active_staff_users,
        cast(coalesce(establishments.establishments, 0) as integer) as establishments,
        organizations.updated_at

    from organizations
    left join organizations as parents
        on organizations.parent_org_id = parents.org_id
    left join provinces
        on organizations.province_code = provinces.province_code
    left join staff
        on organizations.org_id = staff.org_id
    left join establishments
        on organizations.org_id = establishments.org_id

)

select * from final
