-- Provinces (tỉnh, thành phố) in force since 01/07/2025, with the provinces before 2025 merged into each and
-- the number of their wards and communes, plus the 'unknown' province that unresolved addresses fall under.
with

provinces as (

    select * from {{ ref('vn_provinces') }}

),

legacy as (

    select
        province_code,
        count(*) as legacy_provinces,
        {{ string_agg_ordered('legacy_province', '; ', 'legacy_province_code') }} as legacy_province_names

    from {{ ref('vn_legacy_provinces') }}
    group by province_code

),

wards as (

    select
        province_code,
        count(*) as wards

    from {{ ref('vn_wards') }}
    group by province_code

),

final as (

    select
        provinces.province_code,
        provinces.province,
        provinces.province_short,
        cast(coalesce(wards.wards, 0) as integer) as wards,
        cast(coalesce(legacy.legacy_provinces, 0) as integer) as legacy_provinces,
        legacy.legacy_province_names

    from provinces
    left join legacy
        on provinces.province_code = legacy.province_code
    left join wards
        on provinces.province_code = wards.province_code

    union all

    select
        '{{ var("unknown_province_code") }}' as province_code,
        '{{ var("unknown_province_name") }}' as province,
        '{{ var("unknown_province_name") }}' as province_short,
        0 as wards,
        0 as legacy_provinces,
        cast(null as varchar) as legacy_province_names

)

select * from final
