with

source as (

    select * from {{ source('raw', 'questions') }}

),

latest as (

    {{ latest_version('source', 'question_id', 'questions') }}

),

renamed as (

    select
        ---------- ids
        question_id,
        member_id,
        establishment_id,
        listing_id,
        ---------- text
        text as body,
        status,
        ---------- dates
        asked_at,
        updated_at,
        ---------- lineage
        _batch_id,
        _source_file,
        _line,
        _loaded_at

    from latest

)

select * from renamed
