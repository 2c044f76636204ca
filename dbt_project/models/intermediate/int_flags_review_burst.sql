-- review_burst: at least flag_rules.threshold reviews from different accounts on one listing within
-- var review_burst_window_minutes; every review inside such a window is flagged.
with

rule as (

    select * from {{ ref('flag_rules') }}
    where rule_code = 'review_burst'

),

reviews as (

    select * from {{ ref('stg_platform__reviews') }}
    where listing_id is not null

),

listings as (

    select * from {{ ref('int_listings_normalised') }}

),

-- each review opens a window; the reviews of the same listing that fall inside it
windows as (

    select
        opening.review_id as window_id,
        opening.listing_id,
        opening.posted_at as window_start,
        inside.review_id,
        inside.member_id

    from reviews as opening
    inner join reviews as inside
        on opening.listing_id = inside.listing_id
        and inside.posted_at >= opening.posted_at
        and inside.posted_at < {{ dbt.dateadd('minute', var('review_burst_window_minutes'), 'opening.posted_at') }}

),

bursts as (

    select
        window_id,
        listing_id,
        window_start,
        count(distinct member_id) as reviewers

    from windows
    cross join rule
    group by window_id, listing_id, window_start, rule.threshold
    having count(distinct member_id) >= rule.threshold

),

flagged_reviews as (

    select
        windows.review_id,
        bursts.listing_id,
        max(bursts.reviewers) as reviewers,
        min(bursts.window_start) as first_window_start

    from bursts
    inner join windows
        on bursts.window_id = windows.window_id
    group by windows.review_id, bursts.listing_id

),

flagged as (

    select
        'review' as object_type,
        flagged_reviews.review_id as object_id,
        rule.rule_code,
        cast(flagged_reviews.reviewers as varchar) || ' đánh giá từ các tài khoản khác nhau trong '
            || '{{ var("review_burst_window_minutes") }} phút trên tin ' || flagged_reviews.listing_id
            || ' (từ ' || {{ format_date_vi('flagged_reviews.first_window_start') }} || ')' as evidence,
        listings.org_id,
        coalesce(listings.province_code, '{{ var("unknown_province_code") }}') as province_code,
        reviews.posted_at as observed_at

    from flagged_reviews
    inner join reviews
        on flagged_reviews.review_id = reviews.review_id
    left join listings
        on flagged_reviews.listing_id = listings.listing_id
    cross join rule

)

select * from flagged
