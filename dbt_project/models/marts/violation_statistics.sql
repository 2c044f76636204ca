-- Violation statistics (thống kê vi phạm): per month detected, province, violation category, severity and
-- source: how many, at how many establishments and products, how many closed and how fast, and how many of
-- those establishments are repeat offenders (var repeat_offender_min_violations violations or more in the
-- var repeat_offender_window_months months up to the month end).
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

enriched as (

    select
        dated.*,
        {{ province_code_or_unknown('establishments.province_code') }} as province_code,
        {{ province_name_or_unknown('establishments.province') }} as province,
        window_counts.violations_in_window >= {{ var('repeat_offender_min_violations') }} as is_repeat_offence,
        case
            when dated.closed_on is not null then {{ days_between('dated.detected_on', 'dated.closed_on') }}
        end as days_to_close

    from dated
    left join establishments
        on dated.establishment_id = establishments.establishment_id
    left join window_counts
        on dated.violation_id = window_counts.violation_id

),

final as (

    select
        ---------- grain
        month,
        province_code,
        min(province) as province,
        category,
        severity,
        source,
        ---------- counts
        cast(count(*) as integer) as violations,
        cast(count(distinct establishment_id) as integer) as establishments,
        cast(count(distinct product_id) as integer) as products,
        cast(sum(case when closed_on is not null then 1 else 0 end) as integer) as closed,
        {{ to_decimal(median('days_to_close'), 8, 1) }} as median_days_to_close,
        cast(count(distinct case when is_repeat_offence then establishment_id end) as integer) as repeat_offenders

    from enriched
    group by month, province_code, category, severity, source

)

select * from final
