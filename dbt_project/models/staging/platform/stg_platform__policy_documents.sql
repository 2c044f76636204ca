with

source as (

    select * from {{ source('raw', 'policy_documents') }}

),

latest as (

    {{ latest_version('source', 'document_id', 'policy_documents') }}

),

renamed as (

    select
        ---------- ids
        document_id,
        org_id,
        ---------- text
        title,
        kind,
        number as document_number,
        issuer,
        ---------- dates
        published_on,
        updated_at,
        ---------- lineage
        _batch_id,
        _source_file,
        _line,
        _loaded_at

    from latest

)

select * from renamed
