with

source as (

    select * from {{ source('raw', 'violations') }}

),

latest as (

    {{ latest_version('source', 'violation_id', 'violations') }}

),

renamed as (

    select
        ---------- ids
        violation_id,
        establishment_id,
        product_id,
        inspection_id,
        org_id,
        ---------- text
        category,
        code as violation_code,
        title as violation_title,
        severity,
        source,
        decision,
        ---------- numerics
        fine_amount,
        ---------- dates
        detected_on,
        decided_on,
        closed_on,
        updated_at,
        ---------- lineage
        _batch_id,
        _source_file,
        _line,
        _loaded_at

    from latest

)

select * from renamed
