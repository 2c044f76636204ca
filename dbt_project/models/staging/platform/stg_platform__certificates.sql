with

source as (

    select * from {{ source('raw', 'certificates') }}

),

latest as (

    {{ latest_version('source', 'certificate_id', 'certificates') }}

),

renamed as (

    select
        ---------- ids
        certificate_id,
        establishment_id,
        product_id,
        ---------- text
        type as certificate_type,
        number as certificate_number,
        issuer,
        ---------- numerics
        cast(ocop_stars as integer) as ocop_stars,
        ---------- booleans
        coalesce(revoked, false) as is_revoked,
        ---------- dates
        issued_on,
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
