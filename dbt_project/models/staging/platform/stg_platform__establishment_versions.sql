-- Every version of every establishment (one row per establishment_id and updated_at), with the interval it
-- was current, [valid_from, valid_to): its registration details (name, kind, tax code, address, category,
-- overseeing organisation) and status on any past date. The first version counts from the registration, so an
-- establishment first delivered late still exists in the months before.
with

source as (

    select * from {{ source('raw', 'establishments') }}

),

versions as (

    {{ distinct_versions('source', 'establishment_id') }}

),

sequenced as (

    select
        ---------- ids
        establishment_id,
        member_id as owner_member_id,
        org_id,
        ---------- text
        name as establishment_name,
        kind,
        tax_code,
        main_category,
        address,
        address_province_code as province_code,
        address_province as province,
        address_ward_code as ward_code,
        address_ward as ward,
        address_status,
        status,
        lag(status) over (partition by establishment_id order by updated_at) as previous_status,
        ---------- numerics
        row_number() over (partition by establishment_id order by updated_at) as version_number,
        ---------- dates
        registered_at,
        approved_at,
        updated_at,
        lead(updated_at) over (partition by establishment_id order by updated_at) as valid_to,
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
