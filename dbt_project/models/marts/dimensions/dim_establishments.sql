-- Establishments (cơ sở sản xuất, kinh doanh) as they stand now: registration details, address in the 2025
-- units, overseeing organisation, owner account status, and how many products, production areas, listings and
-- versions they have. Their state on a past date: establishment_history.
with

establishments as (

    select * from {{ ref('stg_platform__establishments') }}

),

located as (

    select * from {{ ref('int_establishments_located') }}

),

organizations as (

    select * from {{ ref('stg_platform__organizations') }}

),

{% for relation, name in [('stg_platform__products', 'products'),
                          ('stg_platform__production_areas', 'production_areas'),
                          ('stg_platform__listings', 'listings'),
                          ('stg_platform__establishment_versions', 'versions')] -%}
{{ name }}_counted as (

    select
        establishment_id,
        count(*) as {{ name }}

    from {{ ref(relation) }}
    group by establishment_id

),

{% endfor -%}

final as (

    select
        ---------- ids
        located.establishment_id,
        located.owner_member_id,
        located.org_id,
        organizations.org_name,
        ---------- registration
        located.establishment_name,
        located.kind,
        establishments.tax_code,
        located.category,
        establishments.address,
        located.province_code,
        located.province,
        establishments.ward_code,
        establishments.ward,
        establishments.address_status,
        ---------- status
        located.status,
        located.owner_status,
        located.registered_at,
        located.approved_at,
        establishments.updated_at,
        ---------- counts
        {% for name in ['products', 'production_areas', 'listings', 'versions'] -%}
        cast(coalesce({{ name }}_counted.{{ name }}, 0) as integer) as {{ name }}{{ ',' if not loop.last }}
        {% endfor %}

    from located
    inner join establishments
        on located.establishment_id = establishments.establishment_id
    left join organizations
        on located.org_id = organizations.org_id
    {% for name in ['products', 'production_areas', 'listings', 'versions'] -%}
    left join {{ name }}_counted
        on located.establishment_id = {{ name }}_counted.establishment_id
    {% endfor %}

)

select * from final
