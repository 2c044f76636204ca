with

source as (

    select * from {{ source('raw', 'moderation_events') }}

),

latest as (

    {{ latest_version('source', 'event_id', 'moderation_events') }}

),

renamed as (

    select
        ---------- ids
        event_id,
        object_id,
        actor_staff_id,
        org_id,
        ---------- text
        object_type,
        action,
        reason,
        ---------- dates
        occurred_at,
        updated_at,
        ---------- lineage
        _batch_id,
        _source_file,
        _line,
        _loaded_at

    from latest

)

select * from renamed
