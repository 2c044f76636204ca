-- The complaints part of the ranking: upheld complaints resolved in the last
-- var('ranking_activity_window_months') months per active listing (approved, posted by the month end).
-- No upheld complaint is 100; as many upheld complaints as listings (or more) is 0.
with

grid as (

    select * from {{ ref('int_establishment_months_approved') }}

),

listings as (

    select * from {{ ref('stg_platform__listings') }}

),

upheld as (

    select
        coalesce(complaints.establishment_id, listings.establishment_id) as establishment_id,
        {{ month_start('complaints.resolved_at') }} as month,
        count(*) as complaints_upheld

    from {{ ref('stg_platform__complaints') }} as complaints
    left join listings
        on complaints.listing_id = listings.listing_id
    where complaints.outcome = 'upheld' and complaints.resolved_at is not null
    group by 1, 2

),

posted as (

    select
        establishment_id,
        {{ month_start('posted_at') }} as month,
        count(*) as listings_posted

    from listings
    where status = 'approved'
    group by 1, 2

),

running as (

    select
        grid.establishment_id,
        grid.month,
        sum(coalesce(upheld.complaints_upheld, 0)) over (
            partition by grid.establishment_id order by grid.month
            rows between {{ var('ranking_activity_window_months') - 1 }} preceding and current row
        ) as complaints_upheld,
        sum(coalesce(posted.listings_posted, 0)) over (
            partition by grid.establishment_id order by grid.month
            rows between unbounded preceding and current row
        ) as active_listings

    from grid
    left join upheld
        on grid.establishment_id = upheld.establishment_id
        and grid.month = upheld.month
    left join posted
        on grid.establishment_id = posted.establishment_id
        and grid.month = posted.month

),

final as (

    select
        establishment_id,
        month,
        cast(complaints_upheld as integer) as complaints_upheld,
        cast(active_listings as integer) as active_listings,
        {{ to_decimal(
            "100 * greatest(0, 1 - cast(complaints_upheld as double precision) / greatest(active_listings, 1))", 6, 2
        ) }} as complaints_score

    from running

)

select * from final
