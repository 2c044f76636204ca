-- Products with their establishment and its province, and how many listings, certificates and violations
-- name them.
with

products as (

    select * from {{ ref('stg_platform__products') }}

),

establishments as (

    select * from {{ ref('int_establishments_located') }}

),

{% for relation, name in [('stg_platform__listings', 'listings'), ('stg_platform__certificates', 'certificates'),
                          ('stg_platform__violations', 'violations')] -%}
{{ name }}_counted as (

    select
        product_id,
        count(*) as {{ name }}

    from {{ ref(relation) }}
    where product_id is not null
    group by product_id

),

{% endfor -%}

final as (

    select
        products.product_id,
        products.product_name,
        products.category,
        products.unit,
        products.establishment_id,
        establishments.establishment_name,
        {{ province_code_or_unknown('establishments.province_code') }} as province_code,
        {{ province_name_or_unknown('establishments.province') }} as province,
        {% for name in ['listings', 'certificates', 'violations'] -%}
        cast(coalesce({{ name }}_counted.{{ name }}, 0) as integer) as {{ name }},
        {% endfor -%}
        products.updated_at

    from products
    left join establishments
        on products.establishment_id = establishments.establishment_id
    {% for name in ['listings', 'certificates', 'violations'] -%}
    left join {{ name }}_counted
        on products.product_id = {{ name }}_counted.product_id
    {% endfor %}

)

select * from final
