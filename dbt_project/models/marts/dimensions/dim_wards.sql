-- Wards and communes (phường, xã, đặc khu) in force since 01/07/2025 with their province: the place names an
-- address resolves to at ingestion (<address>_ward_code).
with

wards as (

    select * from {{ ref('vn_wards') }}

),

provinces as (

    select * from {{ ref('vn_provinces') }}

),

final as (

    select
        wards.ward_code,
        wards.ward,
        wards.ward_type,
        wards.province_code,
        provinces.province

    from wards
    inner join provinces
        on wards.province_code = provinces.province_code

)

select * from final
