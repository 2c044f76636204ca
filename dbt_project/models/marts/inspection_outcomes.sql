-- Inspection outcomes: per month inspected, province, kind and result, how many inspections and how many
-- of them found at least one critical, serious or minor violation (violations linked by inspection_id).
with

inspections as (

    select * from {{ ref('stg_platform__inspections') }}

),

establishments as (

    select * from {{ ref('int_establishments_located') }}

),

severities_found as (

    select
        inspection_id,
        max(case when severity = 'critical' then 1 else 0 end) as has_critical,
        max(case when severity = 'serious' then 1 else 0 end) as has_serious,
        max(case when severity = 'minor' then 1 else 0 end) as has_minor

    from {{ ref('stg_platform__violations') }}
    where inspection_id is not null
    group by inspection_id

),

enriched as (

    select
        inspections.inspection_id,
        inspections.kind,
        inspections.result,
        {{ month_start('inspections.inspected_on') }} as month,
        {{ province_code_or_unknown('establishments.province_code') }} as province_code,
        {{ province_name_or_unknown('establishments.province') }} as province,
        coalesce(severities_found.has_critical, 0) as has_critical,
        coalesce(severities_found.has_serious, 0) as has_serious,
        coalesce(severities_found.has_minor, 0) as has_minor

    from inspections
    left join establishments
        on inspections.establishment_id = establishments.establishment_id
    left join severities_found
        on inspections.inspection_id = severities_found.inspection_id

),

final as (

    select
        ---------- grain
        month,
        province_code,
        min(province) as province,
        kind,
        result,
        ---------- counts
        cast(count(*) as integer) as inspections,
        cast(sum(has_critical) as integer) as inspections_with_critical,
        cast(sum(has_serious) as integer) as inspections_with_serious,
        cast(sum(has_minor) as integer) as inspections_with_minor

    from enriched
    group by month, province_code, kind, result

)

select * from final
