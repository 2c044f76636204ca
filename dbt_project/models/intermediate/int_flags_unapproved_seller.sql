-- unapproved_seller: a live listing (pending or approved) of an establishment that is not approved now
-- (or not on record), or whose owner account is suspended, terminated or deleted.
with

rule as (

    select * from {{ ref('flag_rules') }}
    where rule_code = 'unapproved_seller'

),

listings as (

    select * from {{ ref('int_listings_normalised') }}
    where status in ('pending', 'approved')

),

establishments as (

    select * from {{ ref('int_establishments_located') }}

),

establishment_statuses as (

    select * from {{ ref('status_labels') }}
    where subject = 'establishment'

),

member_statuses as (

    select * from {{ ref('status_labels') }}
    where subject = 'member'

),

flagged as (

    select
        'listing' as object_type,
        listings.listing_id as object_id,
        rule.rule_code,
        'cơ sở ' || coalesce(listings.establishment_id, '?') || ': '
            || coalesce(establishment_statuses.label_vi, establishments.status, 'không có trong dữ liệu')
            || '; tài khoản chủ ' || coalesce(establishments.owner_member_id, '?') || ': '
            || coalesce(member_statuses.label_vi, establishments.owner_status, 'không rõ') as evidence,
        listings.org_id,
        listings.province_code,
        listings.posted_at as observed_at

    from listings
    left join establishments
        on listings.establishment_id = establishments.establishment_id
    left join establishment_statuses
        on establishments.status = establishment_statuses.status
    left join member_statuses
        on establishments.owner_status = member_statuses.status
    cross join rule
    where
        establishments.establishment_id is null
        or establishments.status <> 'approved'
        or establishments.owner_status in ('suspended', 'terminated', 'deleted')

)

select * from flagged
