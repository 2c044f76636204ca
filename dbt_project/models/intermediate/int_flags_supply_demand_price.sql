-- supply_demand_price: a supply-demand post whose price per kg (or per unit) is more than flag_rules.threshold
-- away from the median of posts of the same category and unit on a log scale (ln 8: eight times dearer or
-- cheaper), supply and demand together (one market). Medians of fewer than var supply_demand_min_peers priced
-- posts are not trusted.
with

rule as (

    select * from {{ ref('flag_rules') }}
    where rule_code = 'supply_demand_price'

),

posts as (

    select * from {{ ref('int_supply_demand_posts_normalised') }}
    where measure_price > 0

),

medians as (

    select
        category,
        measure_unit,
        count(*) as peers,
        {{ median('measure_price') }} as median_price

    from posts
    group by category, measure_unit
    having count(*) >= {{ var('supply_demand_min_peers') }}

),

compared as (

    select
        posts.*,
        medians.peers,
        medians.median_price,
        posts.measure_price / medians.median_price as price_ratio

    from posts
    inner join medians
        on posts.category = medians.category
        and posts.measure_unit = medians.measure_unit

),

flagged as (

    select
        'supply_demand_post' as object_type,
        compared.post_id as object_id,
        rule.rule_code,
        'giá ' || {{ number_text('compared.measure_price') }} || ' đ/' || compared.measure_unit
            || ', trung vị nhóm ' || compared.category || ' ' || {{ number_text('compared.median_price') }}
            || ' đ/' || compared.measure_unit || ' (' || cast(compared.peers as varchar) || ' tin), gấp '
            || {{ number_text('compared.price_ratio', 2) }} || ' lần' as evidence,
        compared.org_id,
        compared.province_code,
        compared.posted_at as observed_at

    from compared
    cross join rule
    where abs(ln(compared.price_ratio)) > rule.threshold

)

select * from flagged
