-- One row per calendar day from the first activity to 90 days after the last, with a running count of
-- working days, so that "n working days after" is a lookup: the working day whose working_day_number is
-- n more. Working days are Monday to Friday here; Vietnamese public holidays join with the calendar of a
-- later version (this model is the one place to add them).
with

activity_dates as (

    select cast(asked_at as date) as activity_date from {{ ref('stg_platform__questions') }}
    union all
    select cast(received_at as date) from {{ ref('stg_platform__complaints') }}
    union all
    select cast(occurred_at as date) from {{ ref('stg_platform__moderation_events') }}

),

bounds as (

    select
        min(activity_date) as first_day,
        max(activity_date) as last_day

    from activity_dates

),

day_numbers as (

    {{ integers(5) }}

),

days as (

    select
        {{ add_days('bounds.first_day', 'day_numbers.n') }} as calendar_date

    from bounds
    cross join day_numbers
    where day_numbers.n <= {{ days_between('bounds.first_day', 'bounds.last_day') }} + 90

),

flagged as (

    select
        calendar_date,
        extract(isodow from calendar_date) < 6 as is_working_day

    from days

),

numbered as (

    select
        calendar_date,
        is_working_day,
        sum(case when is_working_day then 1 else 0 end) over (
            order by calendar_date
            rows between unbounded preceding and current row
        ) as working_day_number

    from flagged

)

select * from numbered
