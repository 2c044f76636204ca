with

source as (

    select * from {{ source('raw', 'incidents') }}

),

latest as (

    {{ latest_version('source', 'incident_id', 'incidents') }}

),

renamed as (

    select
        ---------- ids
        incident_id,
        org_id,
        ---------- text
        title,
        severity,
        ---------- dates
        reported_at,
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
