-- The months the platform's activity spans, from the first to the last month with a dated record
-- (listings, posts, reviews, questions, complaints, moderation, inspections, violations).
with

activity_dates as (

    select cast(posted_at as date) as activity_date from {{ ref('stg_platform__listings') }}
    union all
    select cast(posted_at as date) from {{ ref('stg_platform__supply_demand_posts') }}
    union all
    select cast(posted_at as date) from {{ ref('stg_platform__reviews') }}
    union all
    select cast(asked_at as date) from {{ ref('stg_platform__questions') }}
    union all
    select cast(received_at as date) from {{ ref('stg_platform__complaints') }}
    union all
    select cast(occurred_at as date) from {{ ref('stg_platform__moderation_events') }}
    union all
    select inspected_on from {{ ref('stg_platform__inspections') }}
    union all
    select detected_on from {{ ref('stg_platform__violations') }}

),

bounds as (

    select
        {{ month_start('min(activity_date)') }} as first_month,
        {{ month_start('max(activity_date)') }} as last_month

    from activity_dates

),

month_numbers as (

    {{ integers(4) }}

),

months as (

    select
        {{ add_months('bounds.first_month', 'month_numbers.n') }} as month

    from bounds
    cross join month_numbers
    where
        month_numbers.n <= (extract(year from bounds.last_month) - extract(year from bounds.first_month)) * 12
            + extract(month from bounds.last_month) - extract(month from bounds.first_month)

),

final as (

    select
        month,
        {{ add_days(add_months('month', 1), -1) }} as month_end,
        {{ add_months('month', 1) }} as next_month

    from months

)

select * from final
