-- Account history: a type-2 dimension, one row per version of each member account with the interval it was
-- current, [valid_from, valid_to), its status and why. The status on any past moment D is that of the row with
-- valid_from <= D and (valid_to is null or D < valid_to). Built from every delivered version
-- (stg_platform__member_versions), like establishment_history. Personal data only as keyed hashes.
with

versions as (

    select * from {{ ref('stg_platform__member_versions') }}

),

final as (

    select
        ---------- the version
        member_id,
        cast(version_number as integer) as version_number,
        valid_from,
        valid_to,
        is_current,
        ---------- status
        status,
        status_reason,
        previous_status,
        is_status_change,
        ---------- account details
        kind,
        display_name,
        {{ province_code_or_unknown('province_code') }} as province_code,
        {{ province_name_or_unknown('province') }} as province,
        ward_code,
        ward,
        phone_hash,
        registered_at,
        updated_at,
        ---------- lineage
        _batch_id,
        _source_file,
        _line

    from versions

)

select * from final
