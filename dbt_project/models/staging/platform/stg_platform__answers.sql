with

source as (

    select * from {{ source('raw', 'answers') }}

),

latest as (

    {{ latest_version('source', 'answer_id', 'answers') }}

),

renamed as (

    select
        ---------- ids
        answer_id,
        question_id,
        member_id,
        staff_id,
        ---------- text
        text as body,
        ---------- dates
        answered_at,
        updated_at,
        ---------- lineage
        _batch_id,
        _source_file,
        _line,
        _loaded_at

    from latest

)

select * from renamed
