with

source as (

    select * from {{ source('raw', 'products') }}

),

latest as (

    {{ latest_version('source', 'product_id', 'products') }}

),

renamed as (

    select
        ---------- ids
        product_id,
        establishment_id,
        ---------- text
        name as product_name,
        category,
        unit,
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
