-- duplicate_listing: a listing that repeats an image (same content hash) or the same normalised title and
-- text of a listing another owner posted before it, when at least flag_rules.threshold owners post that
-- content. The first poster is taken for the original and not flagged.
with

rule as (

    select * from {{ ref('flag_rules') }}
    where rule_code = 'duplicate_listing'

),

listings as (

    select * from {{ ref('int_listings_normalised') }}

),

positions as (

    {{ integers(2) }}

),

image_keys as (

    select
        listings.listing_id,
        listings.owner_member_id,
        listings.posted_at,
        'ảnh ' || trim(split_part(listings.image_hashes, ';', positions.n)) as content_key

    from listings
    inner join positions
        on positions.n between 1 and length(listings.image_hashes) - length(replace(listings.image_hashes, ';', '')) + 1
    where
        listings.image_hashes is not null
        and trim(split_part(listings.image_hashes, ';', positions.n)) <> ''

),

text_keys as (

    select
        listing_id,
        owner_member_id,
        posted_at,
        'nội dung' || padded_text as content_key

    from listings
    where length(trim(padded_text)) >= {{ var('duplicate_listing_min_text_length') }}

),

content_keys as (

    select * from image_keys
    union
    select * from text_keys

),

shared_keys as (

    select content_key

    from content_keys
    cross join rule
    group by content_key, rule.threshold
    having count(distinct owner_member_id) >= rule.threshold

),

matches as (

    select
        mine.listing_id,
        case when mine.content_key like 'ảnh %' then 'ảnh' else 'nội dung' end as matched_on,
        theirs.listing_id as other_listing_id,
        theirs.owner_member_id as other_owner_member_id

    from content_keys as mine
    inner join shared_keys
        on mine.content_key = shared_keys.content_key
    inner join content_keys as theirs
        on mine.content_key = theirs.content_key
        and mine.owner_member_id <> theirs.owner_member_id
        and (
            theirs.posted_at < mine.posted_at
            or (theirs.posted_at = mine.posted_at and theirs.listing_id < mine.listing_id)
        )

),

summarised as (

    select
        listing_id,
        min(matched_on) as matched_on,
        count(distinct other_listing_id) as other_listings,
        count(distinct other_owner_member_id) as other_owners,
        min(other_listing_id) as example_listing_id

    from matches
    group by listing_id

),

flagged as (

    select
        'listing' as object_type,
        summarised.listing_id as object_id,
        rule.rule_code,
        'trùng ' || summarised.matched_on || ' với ' || cast(summarised.other_listings as varchar)
            || ' tin đăng trước của ' || cast(summarised.other_owners as varchar) || ' chủ sở hữu khác, ví dụ '
            || summarised.example_listing_id as evidence,
        listings.org_id,
        listings.province_code,
        listings.posted_at as observed_at

    from summarised
    inner join listings
        on summarised.listing_id = listings.listing_id
    cross join rule

)

select * from flagged
