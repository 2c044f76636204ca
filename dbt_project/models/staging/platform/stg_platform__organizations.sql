with

source as (

    select * from {{ source('raw', 'organizations') }}

),

latest as (

    {{ latest_version('source', 'org_id', 'organizations') }}

),

renamed as (

    select
        ---------- ids
        org_id,
        parent_org_id,
        ---------- text
        name as org_name,
        kind,
        sector,
        province_code,
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
