-- The rating part of the ranking: the average of the approved reviews up to the month end, shrunk towards
-- the category's average as if ranking_weights.prior_weight more reviews at that average had been given
-- (a Bayesian average), so a few five-star reviews do not outrank hundreds of good ones. 1 star is 0 and
-- 5 stars 100. With no reviews in the category the prior is the average of all reviews, then 3 stars.
with

grid as (

    select * from {{ ref('int_establishment_months_approved') }}

),

prior_weight as (

    select cast(prior_weight as double precision) as prior_weight
    from {{ ref('ranking_weights') }}
    where part = 'rating'

),

reviews as (

    select
        coalesce(reviews.establishment_id, listings.establishment_id) as establishment_id,
        {{ month_start('reviews.posted_at') }} as month,
        reviews.rating

    from {{ ref('stg_platform__reviews') }} as reviews
    left join {{ ref('stg_platform__listings') }} as listings
        on reviews.listing_id = listings.listing_id
    where reviews.status = 'approved'

),

monthly as (

    select
        establishment_id,
        month,
        count(*) as reviews,
        sum(rating) as rating_sum

    from reviews
    group by establishment_id, month

),

running as (

    select
        grid.establishment_id,
        grid.month,
        grid.category,
        sum(coalesce(monthly.reviews, 0)) over (
            partition by grid.establishment_id order by grid.month
            rows between unbounded preceding and current row
        ) as reviews,
        sum(coalesce(monthly.rating_sum, 0)) over (
            partition by grid.establishment_id order by grid.month
            rows between unbounded preceding and current row
        ) as rating_sum

    from grid
    left join monthly
        on grid.establishment_id = monthly.establishment_id
        and grid.month = monthly.month

),

category_means as (

    select
        category,
        month,
        sum(rating_sum) / nullif(cast(sum(reviews) as double precision), 0) as category_mean

    from running
    group by category, month

),

overall_means as (

    select
        month,
        sum(rating_sum) / nullif(cast(sum(reviews) as double precision), 0) as overall_mean

    from running
    group by month

),

shrunk as (

    select
        running.establishment_id,
        running.month,
        running.reviews,
        running.rating_sum / nullif(cast(running.reviews as double precision), 0) as avg_rating,
        coalesce(category_means.category_mean, overall_means.overall_mean, 3.0) as prior_mean,
        (running.rating_sum
            + prior_weight.prior_weight * coalesce(category_means.category_mean, overall_means.overall_mean, 3.0))
            / (running.reviews + prior_weight.prior_weight) as shrunk_rating

    from running
    cross join prior_weight
    left join category_means
        on running.category = category_means.category
        and running.month = category_means.month
    left join overall_means
        on running.month = overall_means.month

),

final as (

    select
        establishment_id,
        month,
        cast(reviews as integer) as reviews,
        {{ to_decimal("avg_rating", 4, 2) }} as avg_rating,
        {{ to_decimal("prior_mean", 4, 2) }} as prior_mean,
        {{ to_decimal("shrunk_rating", 4, 2) }} as shrunk_rating,
        {{ to_decimal("(shrunk_rating - 1) / 4 * 100", 6, 2) }} as rating_score

    from shrunk

)

select * from final
