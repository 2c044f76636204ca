-- review_spam: the review-spam scorer (ml.review_spam_scores, pipelines/review_spam.py) gives the review a spam
-- probability of at least flag_rules.threshold.
with

rule as (

    select * from {{ ref('flag_rules') }}
    where rule_code = 'review_spam'

),

scores as (

    select * from {{ ref('stg_ml__review_spam_scores') }}

),

reviews as (

    select * from {{ ref('stg_platform__reviews') }}

),

listings as (

    select * from {{ ref('int_listings_normalised') }}

),

establishments as (

    select * from {{ ref('int_establishments_located') }}

),

spam_types as (

    select * from {{ ref('review_spam_types') }}

),

flagged as (

    select
        'review' as object_type,
        scores.review_id as object_id,
        rule.rule_code,
        'xác suất spam ' || {{ number_text('scores.spam_probability', 2) }} || ', loại: '
            || spam_types.type_vi || ' (mô hình ' || scores.model_version || ')' as evidence,
        coalesce(listings.org_id, establishments.org_id) as org_id,
        {{ province_code_or_unknown('coalesce(listings.province_code, establishments.province_code)') }}
            as province_code,
        reviews.posted_at as observed_at

    from scores
    inner join reviews
        on scores.review_id = reviews.review_id
    left join listings
        on reviews.listing_id = listings.listing_id
    left join establishments
        on reviews.establishment_id = establishments.establishment_id
    left join spam_types
        on scores.spam_type = spam_types.spam_type
    cross join rule
    where scores.spam_probability >= rule.threshold

)

select * from flagged
