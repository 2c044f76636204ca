with

source as (

    select * from {{ source('raw', 'establishments') }}

),

latest as (

    {{ latest_version('source', 'establishment_id', 'establishments') }}

),

renamed as (

    select
        ---------- ids
        establishment_id,
        member_id as owner_member_id,
        org_id,
        ---------- text
        name as establishment_name,
        kind,
        tax_code,
        address,
        address_province_code as province_code,
        address_province as province,
        address_ward_code as ward_code,
        address_ward as ward,
        address_status,
        main_category,
        status,
        ---------- dates
        registered_at,
        approved_at,
        updated_at,
        ---------- personal data, as keyed hashes only
        phone_hash,
        ---------- lineage
        _batch_id,
        _source_file,
        _line,
        _loaded_at

    from latest

)

select * from renamed
