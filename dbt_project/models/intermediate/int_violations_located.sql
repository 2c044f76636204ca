-- Each violation with its month, the establishment's province, the days it took to close, and whether it is a
-- repeat offence: the establishment has var('repeat_offender_min_violations') or more violations detected in the
-- var('repeat_offender_window_months') months up to the end of this violation's month.
with

violations as (

    select * from {{ ref('stg_platform__violations') }}

),

establishments as (

    select * from {{ ref('int_establishments_located') }}

),

dated as (

    select
        violations.*,
        {{ month_start('violations.detected_on') }} as month,
        {{ add_days(add_months(month_start('violations.detected_on'), 1), -1) }} as month_end

    from violations

),

-- violations of the same establishment in the window that ends with this violation's month
window_counts as (

    select
        dated.violation_id,
        count(*) as violations_in_window

    from dated
    inner join violations as others
        on dated.establishment_id = others.establishment_id
        and others.detected_on <= dated.month_end
        and others.detected_on > {{ add_months('dated.month_end', -var('repeat_offender_window_months')) }}
    group by dated.violation_id

),

located as (

    select
        dated.*,
        establishments.establishment_name,
        establishments.org_id as establishment_org_id,
        {{ province_code_or_unknown('establishments.province_code') }} as province_code,
        {{ province_name_or_unknown('establishments.province') }} as province,
        cast(window_counts.violations_in_window as integer) as violations_in_window,
        window_counts.violations_in_window >= {{ var('repeat_offender_min_violations') }} as is_repeat_offence,
        case
            when dated.closed_on is not null then {{ days_between('dated.detected_on', 'dated.closed_on') }}
        end as days_to_close

    from dated
    left join establishments
        on dated.establishment_id = establishments.establishment_id
    left join window_counts
        on dated.violation_id = window_counts.violation_id

)

select * from located
