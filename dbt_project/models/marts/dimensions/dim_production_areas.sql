-- Production areas (vùng sản xuất) with their establishment, location in the 2025 units and planting-area code.
with

areas as (

    select * from {{ ref('stg_platform__production_areas') }}

),

establishments as (

    select * from {{ ref('int_establishments_located') }}

),

final as (

    select
        areas.area_id,
        areas.establishment_id,
        establishments.establishment_name,
        areas.area_name,
        areas.crop,
        areas.planting_area_code,
        areas.area_ha,
        areas.address,
        {{ province_code_or_unknown('coalesce(areas.province_code, establishments.province_code)') }}
            as province_code,
        {{ province_name_or_unknown('coalesce(areas.province, establishments.province)') }} as province,
        areas.ward_code,
        areas.ward,
        areas.address_status,
        areas.updated_at

    from areas
    left join establishments
        on areas.establishment_id = establishments.establishment_id

)

select * from final
