-- One row per ingestion batch, as the loader wrote it.
with

source as (

    select * from {{ source('raw', 'batch_log') }}

),

renamed as (

    select
        ---------- ids
        batch_id,
        ---------- text
        source_file,
        checksum,
        record_type,
        contract_version,
        status,
        message,
        ---------- numerics
        cast(rows_received as bigint) as rows_received,
        cast(rows_loaded as bigint) as rows_loaded,
        cast(rows_quarantined as bigint) as rows_quarantined,
        ---------- dates
        started_at,
        finished_at

    from source

)

select * from renamed
