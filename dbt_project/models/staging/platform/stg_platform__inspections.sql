with

source as (

    select * from {{ source('raw', 'inspections') }}

),

latest as (

    {{ latest_version('source', 'inspection_id', 'inspections') }}

),

renamed as (

    select
        ---------- ids
        inspection_id,
        establishment_id,
        org_id,
        staff_id,
        ---------- text
        kind,
        result,
        ---------- numerics
        cast(rating as integer) as rating,
        cast(hygiene_score as integer) as hygiene_score,
        cast(structural_score as integer) as structural_score,
        cast(management_score as integer) as management_score,
        ---------- dates
        inspected_on,
        updated_at,
        ---------- lineage
        _batch_id,
        _source_file,
        _line,
        _loaded_at

    from latest

)

select * from renamed
