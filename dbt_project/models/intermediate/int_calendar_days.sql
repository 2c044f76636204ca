-- One row per calendar day, from the first activity or holiday on record to var('calendar_days_after_last_date')
-- days after the last, with a running count of working days, so that "n working days after" is a lookup: the
-- working day whose working_day_number is n more. Working days are Monday to Friday except the Vietnamese
-- public holidays (vn_public_holidays, from the `holidays` library: Tết included).
with

holidays as (

    select
        cast(holiday_date as date) as holiday_date,
        holiday_name_vi,
        holiday_name_en

    from {{ ref('vn_public_holidays') }}

),

activity_dates as (

    select cast(asked_at as date) as activity_date from {{ ref('stg_platform__questions') }}
    union all
    select cast(received_at as date) from {{ ref('stg_platform__complaints') }}
    union all
    select cast(occurred_at as date) from {{ ref('stg_platform__moderation_events') }}
    union all
    select holiday_date from holidays

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
    where
        day_numbers.n <= {{ days_between('bounds.first_day', 'bounds.last_day') }}
            + {{ var('calendar_days_after_last_date') }}

),

flagged as (

    select
        days.calendar_date,
        cast(extract(isodow from days.calendar_date) as integer) as iso_day_of_week,
        holidays.holiday_name_vi,
        holidays.holiday_name_en,
        extract(isodow from days.calendar_date) >= 6 as is_weekend,
        holidays.holiday_date is not null as is_public_holiday

    from days
    left join holidays
        on days.calendar_date = holidays.holiday_date

),

numbered as (

    select
        *,
        not is_weekend and not is_public_holiday as is_working_day,
        sum(case when not is_weekend and not is_public_holiday then 1 else 0 end) over (
            order by calendar_date
            rows between unbounded preceding and current row
        ) as working_day_number

    from flagged

)

select * from numbered
