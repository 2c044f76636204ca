-- Violating establishments (thống kê cơ sở vi phạm): one row per month and establishment with violations
-- detected in that month, or with consumers' food-safety signals in it: how many violations and how severe,
-- which categories, how many closed, the fines, whether it is a repeat offender (int_violations_located), and
-- how many reviews, comments and complaints reported unsafe food (int_food_safety_signals_matched).
with

violations as (

    select * from {{ ref('int_violations_located') }}

),

establishments as (

    select * from {{ ref('int_establishments_located') }}

),

food_safety_signals as (

    select
        {{ month_start('observed_at') }} as month,
        establishment_id,
        count(*) as food_safety_signals

    from {{ ref('int_food_safety_signals_matched') }}
    where establishment_id is not null
    group by {{ month_start('observed_at') }}, establishment_id

),

-- each violation category once per establishment and month, for the list
categories as (

    select distinct month, establishment_id, category

    from violations

),

category_lists as (

    select
        month,
        establishment_id,
        {{ string_agg_ordered('category', ', ', 'category') }} as violation_categories

    from categories
    group by month, establishment_id

),

counted as (

    select
        month,
        establishment_id,
        count(*) as violations,
        sum(case when severity = 'critical' then 1 else 0 end) as critical,
        sum(case when severity = 'serious' then 1 else 0 end) as serious,
        sum(case when severity = 'minor' then 1 else 0 end) as minor,
        count(distinct product_id) as products,
        sum(case when closed_on is not null then 1 else 0 end) as closed,
        sum(fine_amount) as fines,
        min(detected_on) as first_detected_on,
        max(detected_on) as last_detected_on,
        max(violations_in_window) as violations_in_window

    from violations
    group by month, establishment_id

),

-- an establishment is listed in a month with a violation or a food-safety signal
listed as (

    select month, establishment_id from counted
    union
    select month, establishment_id from food_safety_signals

),

final as (

    select
        ---------- grain
        listed.month,
        listed.establishment_id,
        ---------- the establishment
        establishments.establishment_name,
        {{ province_code_or_unknown('establishments.province_code') }} as province_code,
        {{ province_name_or_unknown('establishments.province') }} as province,
        establishments.org_id,
        establishments.category,
        ---------- its violations in the month
        cast(coalesce(counted.violations, 0) as integer) as violations,
        cast(coalesce(counted.critical, 0) as integer) as critical,
        cast(coalesce(counted.serious, 0) as integer) as serious,
        cast(coalesce(counted.minor, 0) as integer) as minor,
        category_lists.violation_categories,
        cast(coalesce(counted.products, 0) as integer) as products,
        cast(coalesce(counted.closed, 0) as integer) as closed,
        cast(coalesce(counted.violations - counted.closed, 0) as integer) as open,
        {{ to_decimal('coalesce(counted.fines, 0)', 18, 0) }} as fines,
        counted.first_detected_on,
        counted.last_detected_on,
        ---------- repeat offences
        cast(coalesce(counted.violations_in_window, 0) as integer) as violations_in_window,
        coalesce(counted.violations_in_window >= {{ var('repeat_offender_min_violations') }}, false)
            as is_repeat_offender,
        ---------- consumers' food-safety signals in the month
        cast(coalesce(food_safety_signals.food_safety_signals, 0) as integer) as food_safety_signals

    from listed
    left join counted
        on listed.month = counted.month
        and listed.establishment_id = counted.establishment_id
    left join food_safety_signals
        on listed.month = food_safety_signals.month
        and listed.establishment_id = food_safety_signals.establishment_id
    left join establishments
        on listed.establishment_id = establishments.establishment_id
    left join category_lists
        on listed.month = category_lists.month
        and listed.establishment_id = category_lists.establishment_id

)

select * from final
