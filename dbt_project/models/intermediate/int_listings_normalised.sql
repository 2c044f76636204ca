-- Listings ready for the rules: the establishment's owner, organisation and province, the price per kg
-- (mass units, unit_kg) or per unit, and the title and text folded to plain words for matching.
with

listings as (

    select * from {{ ref('stg_platform__listings') }}

),

establishments as (

    select * from {{ ref('int_establishments_located') }}

),

unit_kg as (

    select * from {{ ref('unit_kg') }}

),

normalised as (

    select
        ---------- ids
        listings.listing_id,
        listings.establishment_id,
        listings.product_id,
        listings.member_id,
        coalesce(establishments.owner_member_id, listings.member_id) as owner_member_id,
        establishments.org_id,
        ---------- text
        listings.title,
        listings.body,
        listings.category,
        listings.unit,
        {{ measured_unit('listings.unit') }} as price_unit,
        listings.claimed_certificates,
        listings.image_hashes,
        listings.status,
        {{ province_code_or_unknown('establishments.province_code') }} as province_code,
        ' ' || {{ normalise_text("coalesce(listings.title, '') || ' ' || coalesce(listings.body, '')") }} || ' '
            as padded_text,
        ---------- numerics
        listings.price,
        listings.ocop_stars_claimed,
        {{ per_measured_unit('listings.price', 'listings.unit') }} as unit_price,
        ---------- dates
        listings.posted_at

    from listings
    left join establishments
        on listings.establishment_id = establishments.establishment_id
    left join unit_kg
        on listings.unit = unit_kg.unit

)

select * from normalised
