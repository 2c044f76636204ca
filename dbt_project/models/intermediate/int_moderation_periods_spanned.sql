-- The days, ISO weeks (from Monday) and months that the moderation events span; period_end is the first
-- instant after the period.
with

calendar as (

    select * from {{ ref('int_calendar_days') }}

),

events as (

    select * from {{ ref('stg_platform__moderation_events') }}

),

bounds as (

    select
        cast(min(occurred_at) as date) as first_day,
        cast(max(occurred_at) as date) as last_day

    from events

),

event_days as (

    select calendar.calendar_date

    from calendar
    inner join bounds
        on calendar.calendar_date between bounds.first_day and bounds.last_day

),

periods as (

    select distinct
        'day' as period_kind,
        calendar_date as period_start,
        {{ add_days('calendar_date', 1) }} as period_end
    from event_days

    union all

    select distinct
        'week' as period_kind,
        {{ period_start('week', 'calendar_date') }} as period_start,
        {{ add_days(period_start('week', 'calendar_date'), 7) }} as period_end
    from event_days

    union all

    select distinct
        'month' as period_kind,
        {{ month_start('calendar_date') }} as period_start,
        {{ add_months(month_start('calendar_date'), 1) }} as period_end
    from event_days

)

select * from periods
