-- Reviews, comments and complaints whose folded text contains a phrase of food_safety_terms as whole words:
-- a consumer reports poisoning, illness, expired, mouldy or spoiled food, a foreign object or fake goods. One row
-- per text, with the establishment it is about (directly, or through the listing or the reviewed review).
with

terms as (

    select * from {{ ref('food_safety_terms') }}

),

reviews as (

    select * from {{ ref('stg_platform__reviews') }}

),

comments as (

    select * from {{ ref('stg_platform__comments') }}

),

complaints as (

    select * from {{ ref('stg_platform__complaints') }}

),

listings as (

    select * from {{ ref('int_listings_normalised') }}

),

establishments as (

    select * from {{ ref('int_establishments_located') }}

),

-- every text with the listing or establishment it is about
texts as (

    select
        'review' as object_type,
        review_id as object_id,
        listing_id,
        establishment_id,
        cast(null as varchar) as org_id,
        body,
        posted_at as observed_at
    from reviews

    union all

    select
        'comment' as object_type,
        comments.comment_id as object_id,
        coalesce(case when comments.object_type = 'listing' then comments.object_id end, reviews.listing_id)
            as listing_id,
        reviews.establishment_id,
        cast(null as varchar) as org_id,
        comments.body,
        comments.posted_at as observed_at
    from comments
    left join reviews
        on comments.object_type = 'review'
        and comments.object_id = reviews.review_id

    union all

    select
        'complaint' as object_type,
        complaint_id as object_id,
        listing_id,
        establishment_id,
        org_id,
        body,
        received_at as observed_at
    from complaints

),

padded as (

    select
        *,
        ' ' || {{ normalise_text("coalesce(body, '')") }} || ' ' as padded_text
    from texts
    where body is not null

),

matches as (

    select
        padded.object_type,
        padded.object_id,
        terms.term,
        terms.phrase_vi,
        terms.signal

    from padded
    inner join terms
        on padded.padded_text like '% ' || terms.term || ' %'

),

matched as (

    select
        object_type,
        object_id,
        {{ string_agg_ordered('phrase_vi', ', ', 'term') }} as phrases

    from matches
    group by object_type, object_id

),

final as (

    select
        ---------- ids
        matched.object_type,
        matched.object_id,
        coalesce(padded.establishment_id, listings.establishment_id) as establishment_id,
        padded.listing_id,
        coalesce(padded.org_id, listings.org_id, establishments.org_id) as org_id,
        ---------- text
        {{ province_code_or_unknown('coalesce(listings.province_code, establishments.province_code)') }}
            as province_code,
        matched.phrases,
        ---------- dates
        padded.observed_at

    from matched
    inner join padded
        on matched.object_type = padded.object_type
        and matched.object_id = padded.object_id
    left join listings
        on padded.listing_id = listings.listing_id
    left join establishments
        on coalesce(padded.establishment_id, listings.establishment_id) = establishments.establishment_id

)

select * from final
