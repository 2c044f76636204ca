with

source as (

    select * from {{ source('raw', 'complaints') }}

),

latest as (

    {{ latest_version('source', 'complaint_id', 'complaints') }}

),

renamed as (

    select
        ---------- ids
        complaint_id,
        member_id,
        establishment_id,
        listing_id,
        org_id,
        ---------- text
        kind,
        category,
        text as body,
        outcome,
        ---------- dates
        received_at,
        resolved_at,
        updated_at,
        ---------- lineage
        _batch_id,
        _source_file,
        _line,
        _loaded_at

    from latest

)

select * from renamed
