with

source as (

    select * from {{ source('raw', 'supply_demand_posts') }}

),

latest as (

    {{ latest_version('source', 'post_id', 'supply_demand_posts') }}

),

renamed as (

    select
        ---------- ids
        post_id,
        member_id,
        establishment_id,
        ---------- text
        kind,
        title,
        text as body,
        category,
        unit,
        location,
        location_province_code as province_code,
        location_province as province,
        location_ward_code as ward_code,
        location_ward as ward,
        location_status,
        status,
        ---------- numerics
        quantity,
        price,
        ---------- dates
        posted_at,
        expires_on,
        updated_at,
        ---------- lineage
        _batch_id,
        _source_file,
        _line,
        _loaded_at

    from latest

)

select * from renamed
