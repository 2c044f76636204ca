with

source as (

    select * from {{ source('raw', 'comments') }}

),

latest as (

    {{ latest_version('source', 'comment_id', 'comments') }}

),

renamed as (

    select
        ---------- ids
        comment_id,
        object_id,
        member_id,
        ---------- text
        object_type,
        text as body,
        status,
        ---------- dates
        posted_at,
        updated_at,
        ---------- lineage
        _batch_id,
        _source_file,
        _line,
        _loaded_at

    from latest

)

select * from renamed
