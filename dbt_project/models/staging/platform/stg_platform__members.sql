-- Latest version of each account. Personal data only as keyed hashes; the address text is dropped
-- (a person's address), its province and ward are kept.
with

source as (

    select * from {{ source('raw', 'members') }}

),

latest as (

    {{ latest_version('source', 'member_id', 'members') }}

),

renamed as (

    select
        ---------- ids
        member_id,
        ---------- text
        kind,
        display_name,
        address_province_code as province_code,
        address_province as province,
        address_ward_code as ward_code,
        address_ward as ward,
        address_status,
        status,
        status_reason,
        ---------- dates
        registered_at,
        updated_at,
        ---------- personal data, as keyed hashes only
        phone_hash,
        email_hash,
        citizen_id_hash,
        ---------- lineage
        _batch_id,
        _source_file,
        _line,
        _loaded_at

    from latest

)

select * from renamed
