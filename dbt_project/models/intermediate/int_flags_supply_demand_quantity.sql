-- supply_demand_quantity: a supply-demand post whose quantity (in kg, or in its unit) is more than
-- flag_rules.threshold away from the median of posts of the same kind, category and unit on a log scale:
-- ln 100 means a hundred times more or less. Medians of fewer than var supply_demand_min_peers posts are not
-- trusted.
with

rule as (

    select * from {{ ref('flag_rules') }}
    where rule_code = 'supply_demand_quantity'

),

posts as (

    select * from {{ ref('int_supply_demand_posts_normalised') }}
    where measure_quantity > 0

),

medians as (

    select
        kind,
        category,
        measure_unit,
        count(*) as peers,
        {{ median('measure_quantity') }} as median_quantity

    from posts
    group by kind, category, measure_unit
    having count(*) >= {{ var('supply_demand_min_peers') }}

),

compared as (

    select
        posts.*,
        medians.peers,
        medians.median_quantity,
        posts.measure_quantity / medians.median_quantity as quantity_ratio

    from posts
    inner join medians
        on posts.kind = medians.kind
        and posts.category = medians.category
        and posts.measure_unit = medians.measure_unit

),

flagged as (

    select
        'supply_demand_post' as object_type,
        compared.post_id as object_id,
        rule.rule_code,
        'số lượng ' || {{ number_text('compared.measure_quantity') }} || ' ' || compared.measure_unit
            || ', trung vị tin ' || compared.kind || ' nhóm ' || compared.category || ' '
            || {{ number_text('compared.median_quantity') }} || ' ' || compared.measure_unit
            || ' (' || cast(compared.peers as varchar) || ' tin), gấp '
            || {{ number_text('compared.quantity_ratio', 2) }} || ' lần' as evidence,
        compared.org_id,
        compared.province_code,
        compared.posted_at as observed_at

    from compared
    cross join rule
    where abs(ln(compared.quantity_ratio)) > rule.threshold

)

select * from flagged
