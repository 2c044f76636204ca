with

source as (

    select * from {{ source('raw', 'account_sanctions') }}

),

latest as (

    {{ latest_version('source', 'sanction_id', 'account_sanctions') }}

),

renamed as (

    select
        ---------- ids
        sanction_id,
        member_id,
        staff_id,
        org_id,
        ---------- text
        kind,
        reason,
        ---------- dates
        decided_at,
        ends_at,
        updated_at,
        ---------- lineage
        _batch_id,
        _source_file,
        _line,
        _loaded_at

    from latest

)

select * from renamed
