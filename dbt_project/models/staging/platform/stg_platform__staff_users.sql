with

source as (

    select * from {{ source('raw', 'staff_users') }}

),

latest as (

    {{ latest_version('source', 'staff_id', 'staff_users') }}

),

renamed as (

    select
        ---------- ids
        staff_id,
        org_id,
        ---------- text
        full_name,
        role,
        ---------- booleans
        coalesce(active, false) as is_active,
        ---------- dates
        updated_at,
        ---------- personal data, as keyed hashes only
        email_hash,
        phone_hash,
        ---------- lineage
        _batch_id,
        _source_file,
        _line,
        _loaded_at

    from latest

)

select * from renamed
