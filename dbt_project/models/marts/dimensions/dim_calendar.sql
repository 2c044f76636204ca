-- The calendar (lịch): one row per day the warehouse reasons about (int_calendar_days), with its week, month,
-- weekday, Vietnamese public holiday and whether it is a working day, the day count the service levels use.
with

days as (

    select * from {{ ref('int_calendar_days') }}

),

final as (

    select
        calendar_date,
        cast(extract(year from calendar_date) as integer) as year,
        {{ month_start('calendar_date') }} as month,
        {{ period_start('week', 'calendar_date') }} as week_start,
        iso_day_of_week,
        case iso_day_of_week
            when 1 then 'Thứ Hai' when 2 then 'Thứ Ba' when 3 then 'Thứ Tư' when 4 then 'Thứ Năm'
            when 5 then 'Thứ Sáu' when 6 then 'Thứ Bảy' else 'Chủ nhật'
        end as weekday_vi,
        is_weekend,
        is_public_holiday,
        holiday_name_vi,
        holiday_name_en,
        is_working_day,
        cast(working_day_number as bigint) as working_day_number

    from days

)

select * from final
