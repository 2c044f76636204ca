-- Violation statistics (thống kê vi phạm): per month detected, province, violation category, severity and
-- source: how many, at how many establishments and products, how many closed and how fast, and how many of
-- those establishments are repeat offenders (int_violations_located).
with

violations as (

    select * from {{ ref('int_violations_located') }}

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

    from violations
    group by month, province_code, category, severity, source

)

select * from final
