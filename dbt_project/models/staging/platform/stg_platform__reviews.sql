with

source as (

    select * from {{ source('raw', 'reviews') }}

),

latest as (

    {{ latest_version('source', 'review_id', 'reviews') }}

),

renamed as (

    select
        ---------- ids
        review_id,
        listing_id,
        establishment_id,
        member_id,
        ---------- text
        text as body,
        status,
        ---------- numerics
        cast(rating as integer) as rating,
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
