-- Province codes with their names: the 34 provinces in force since 2025 (vn_provinces), any other code the
-- address normaliser wrote (with the name it wrote), and the 'unknown' province. Organisations carry only a
-- code; this gives it a name.
with

provinces as (

    select province_code, province from {{ ref('vn_provinces') }}

),

named_addresses as (

    select province_code, province from {{ ref('stg_platform__establishments') }}
    union all
    select province_code, province from {{ ref('stg_platform__members') }}
    union all
    select province_code, province from {{ ref('stg_platform__production_areas') }}
    union all
    select province_code, province from {{ ref('stg_platform__supply_demand_posts') }}

),

unlisted as (

    select
        province_code,
        min(province) as province

    from named_addresses
    where
        province_code is not null
        and province is not null
        and province_code not in (select province_code from provinces)
    group by province_code

),

with_unknown as (

    select province_code, province from provinces
    union all
    select province_code, province from unlisted
    union all
    select
        '{{ var("unknown_province_code") }}' as province_code,
        '{{ var("unknown_province_name") }}' as province

)

select * from with_unknown
