-- Rows that broke the contract, with where they came from and why.
with

source as (

    select * from {{ source('raw', 'quarantine') }}

),

renamed as (

    select
        ---------- ids
        batch_id,
        ---------- text
        source_file,
        field,
        reason,
        record,
        ---------- numerics
        cast(line as bigint) as line

    from source

)

select * from renamed
