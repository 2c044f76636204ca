-- Violating establishments (thống kê cơ sở vi phạm): one row per month and establishment with violations
-- detected in that month: how many and how severe, which categories, how many closed, the fines, and whether it
-- is a repeat offender (int_violations_located).
with

violations as (

    select * from {{ ref('int_violations_located') }}

),

establishments as (

    select * from {{ ref('int_establishments_located') }}

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

final as (

    select
        ---------- grain
        counted.month,
        counted.establishment_id,
        ---------- the establishment
        establishments.establishment_name,
        {{ province_code_or_unknown('establishments.province_code') }} as province_code,
        {{ province_name_or_unknown('establishments.province') }} as province,
        establishments.org_id,
        establishments.category,
        ---------- its violations in the month
        cast(counted.violations as integer) as violations,
        cast(counted.critical as integer) as critical,
        cast(counted.serious as integer) as serious,
        cast(counted.minor as integer) as minor,
        category_lists.violation_categories,
        cast(counted.products as integer) as products,
        cast(counted.closed as integer) as closed,
        cast(counted.violations - counted.closed as integer) as open,
        {{ to_decimal('coalesce(counted.fines, 0)', 18, 0) }} as fines,
        counted.first_detected_on,
        counted.last_detected_on,
        ---------- repeat offences
        cast(counted.violations_in_window as integer) as violations_in_window,
        counted.violations_in_window >= {{ var('repeat_offender_min_violations') }} as is_repeat_offender

    from counted
    left join establishments
        on counted.establishment_id = establishments.establishment_id
    left join category_lists
        on counted.month = category_lists.month
        and counted.establishment_id = category_lists.establishment_id

)

select * from final
