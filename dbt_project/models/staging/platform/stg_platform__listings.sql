with

source as (

    select * from {{ source('raw', 'listings') }}

),

latest as (

    {{ latest_version('source', 'listing_id', 'listings') }}

),

renamed as (

    select
        ---------- ids
        listing_id,
        establishment_id,
        product_id,
        member_id,
        ---------- text
        title,
        text as body,
        category,
        unit,
        claimed_certificates,
        image_hashes,
        status,
        ---------- numerics
        price,
        cast(ocop_stars_claimed as integer) as ocop_stars_claimed,
        ---------- dates
        posted_at,
        updated_at,
        ---------- lineage
        _batch_id,
        _source_file,
        _line,
        _loaded_at

    from latest

)

select * from renamed
