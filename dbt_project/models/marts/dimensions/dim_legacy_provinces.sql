-- The 63 provinces before 01/07/2025 and the 2025 province each became part of: the mapping from the legacy
-- units (addresses themselves are converted ward by ward at ingestion, ingest/normalise.py).
with

legacy as (

    select * from {{ ref('vn_legacy_provinces') }}

),

provinces as (

    select * from {{ ref('vn_provinces') }}

),

final as (

    select
        legacy.legacy_province_code,
        legacy.legacy_province,
        legacy.province_code,
        provinces.province

    from legacy
    inner join provinces
        on legacy.province_code = provinces.province_code

)

select * from final
