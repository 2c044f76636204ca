-- Every version of every account (one row per member_id and updated_at), with the interval it was current,
-- [valid_from, valid_to), and whether its status changed: the account status on any past date. The first
-- version counts from the registration (like stg_platform__establishment_versions). The address text is
-- dropped (a person's address); its province and ward are kept.
with

source as (

    select * from {{ source('raw', 'members') }}

),

versions as (

    {{ distinct_versions('source', 'member_id') }}

),

sequenced as (

    select
        ---------- ids
        member_id,
        ---------- text
        kind,
        display_name,
        address_province_code as province_code,
        address_province as province,
        address_ward_code as ward_code,
        address_ward as ward,
        address_status,
        status,
        status_reason,
        lag(status) over (partition by member_id order by updated_at) as previous_status,
        ---------- numerics
        row_number() over (partition by member_id order by updated_at) as version_number,
        ---------- dates
        registered_at,
        updated_at,
        lead(updated_at) over (partition by member_id order by updated_at) as valid_to,
        ---------- personal data, as keyed hashes only
        phone_hash,
        ---------- lineage
        _batch_id,
        _source_file,
        _line

    from versions

),

flagged as (

    select
        *,
        case
            when version_number = 1 and registered_at < updated_at then registered_at
            else updated_at
        end as valid_from,
        valid_to is null as is_current,
        previous_status is null or previous_status <> status as is_status_change

    from sequenced

)

select * from flagged
