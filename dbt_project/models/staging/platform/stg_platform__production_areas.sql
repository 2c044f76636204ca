with

source as (

    select * from {{ source('raw', 'production_areas') }}

),

latest as (

    {{ latest_version('source', 'area_id', 'production_areas') }}

),

renamed as (

    select
        ---------- ids
        area_id,
        establishment_id,
        ---------- text
        name as area_name,
        address,
        address_province_code as province_code,
        address_province as province,
        address_ward_code as ward_code,
        address_ward as ward,
        address_status,
        crop,
        planting_area_code,
        ---------- numerics
        area_ha,
        ---------- dates
        updated_at,
        ---------- lineage
        _batch_id,
        _source_file,
        _line,
        _loaded_at

    from latest

)

select * from renamed
