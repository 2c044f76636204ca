-- Province codes with their names, as the address normaliser resolved them, plus the 'unknown' province.
-- Organisations carry only a code; this gives it a name.
with

named_addresses as (

    select province_code, province from {{ ref('stg_platform__establishments') }}
    union all
    select province_code, province from {{ ref('stg_platform__members') }}
    union all
    select province_code, province from {{ ref('stg_platform__production_areas') }}
    union all
    select province_code, province from {{ ref('stg_platform__supply_demand_posts') }}

),

provinces as (

    select
        province_code,
        min(province) as province

    from named_addresses
    where province_code is not null and province is not null
    group by province_code

),

with_unknown as (

    select province_code, province from provinces
    union all
    select
        '{{ var("unknown_province_code") }}' as province_code,
        '{{ var("unknown_province_name") }}' as province

)

select * from with_unknown
