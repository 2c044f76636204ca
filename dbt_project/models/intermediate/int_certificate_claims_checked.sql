-- Each certificate a listing claims (claimed_certificates, or OCOP stars), checked against the
-- certificates on record on the day it was posted:
--   valid                 the establishment held a valid one (issued, not expired, not revoked)
--   other_establishment   it did not, and the title or text cites the number of another establishment's
--                         certificate of that type
--   expired               it has some of that type, none valid that day
--   missing               it has none of that type (the evidence names a valid one held by another
--                         establishment of the same owner, if any)
with

listings as (

    select * from {{ ref('int_listings_normalised') }}

),

certificate_types as (

    select certificate_type from {{ ref('certificate_points') }}

),

certificates as (

    select
        certificates.*,
        establishments.owner_member_id

    from {{ ref('stg_platform__certificates') }} as certificates
    left join {{ ref('int_establishments_located') }} as establishments
        on certificates.establishment_id = establishments.establishment_id

),

claims as (

    select
        listings.listing_id,
        listings.establishment_id,
        listings.owner_member_id,
        listings.org_id,
        listings.province_code,
        listings.title,
        listings.body,
        listings.posted_at,
        certificate_types.certificate_type

    from listings
    inner join certificate_types
        on ';' || coalesce(listings.claimed_certificates, '') || ';' like '%;' || certificate_types.certificate_type || ';%'
        or (certificate_types.certificate_type = 'ocop' and listings.ocop_stars_claimed is not null)

),

own_certificates as (

    select
        claims.listing_id,
        claims.certificate_type,
        count(certificates.certificate_id) as held,
        sum(
            case
                when not certificates.is_revoked
                    and certificates.issued_on <= cast(claims.posted_at as date)
                    and (certificates.expires_on is null or certificates.expires_on >= cast(claims.posted_at as date))
                    then 1 else 0
            end
        ) as valid_when_posted,
        max(certificates.expires_on) as last_expiry

    from claims
    left join certificates
        on claims.establishment_id = certificates.establishment_id
        and claims.certificate_type = certificates.certificate_type
    group by claims.listing_id, claims.certificate_type

),

unbacked_claims as (

    select claims.*

    from claims
    inner join own_certificates
        on claims.listing_id = own_certificates.listing_id
        and claims.certificate_type = own_certificates.certificate_type
    where own_certificates.valid_when_posted = 0

),

-- another establishment's certificate of the claimed type whose number the listing quotes
cited_elsewhere as (

    select
        claims.listing_id,
        claims.certificate_type,
        min(certificates.certificate_number) as certificate_number,
        min(certificates.establishment_id) as establishment_id

    from unbacked_claims as claims
    inner join certificates
        on claims.certificate_type = certificates.certificate_type
        and certificates.establishment_id <> claims.establishment_id
        and length(certificates.certificate_number) >= 5
        and position(certificates.certificate_number in coalesce(claims.title, '') || ' ' || coalesce(claims.body, '')) > 0
    group by claims.listing_id, claims.certificate_type

),

-- a valid certificate of the claimed type held by another establishment of the same owner (evidence only)
held_by_sibling as (

    select
        claims.listing_id,
        claims.certificate_type,
        min(certificates.certificate_number) as certificate_number,
        min(certificates.establishment_id) as establishment_id

    from unbacked_claims as claims
    inner join certificates
        on claims.certificate_type = certificates.certificate_type
        and claims.owner_member_id = certificates.owner_member_id
        and certificates.establishment_id <> claims.establishment_id
        and not certificates.is_revoked
        and certificates.issued_on <= cast(claims.posted_at as date)
        and (certificates.expires_on is null or certificates.expires_on >= cast(claims.posted_at as date))
    group by claims.listing_id, claims.certificate_type

),

checked as (

    select
        claims.*,
        own_certificates.held,
        own_certificates.last_expiry,
        cited_elsewhere.certificate_number as cited_certificate_number,
        cited_elsewhere.establishment_id as cited_establishment_id,
        held_by_sibling.certificate_number as sibling_certificate_number,
        held_by_sibling.establishment_id as sibling_establishment_id,
        case
            when own_certificates.valid_when_posted > 0 then 'valid'
            when cited_elsewhere.listing_id is not null then 'other_establishment'
            when own_certificates.held > 0 then 'expired'
            else 'missing'
        end as claim_status

    from claims
    inner join own_certificates
        on claims.listing_id = own_certificates.listing_id
        and claims.certificate_type = own_certificates.certificate_type
    left join cited_elsewhere
        on claims.listing_id = cited_elsewhere.listing_id
        and claims.certificate_type = cited_elsewhere.certificate_type
    left join held_by_sibling
        on claims.listing_id = held_by_sibling.listing_id
        and claims.certificate_type = held_by_sibling.certificate_type

)

select * from checked
