-- price_outlier: a listing whose price per kg (or per unit) is more than flag_rules.threshold away from the
-- median of its category and unit on a log scale: |ln(price / median)| > ln 8 means eight times dearer or
-- cheaper. Medians of fewer than var price_outlier_min_peers listings are not trusted.
with

rule as (

    select * from {{ ref('flag_rules') }}
    where rule_code = 'price_outlier'

),

listings as (

    select * from {{ ref('int_listings_normalised') }}
    where unit_price > 0

),

medians as (

    select
        category,
        price_unit,
        count(*) as peers,
        {{ median('unit_price') }} as median_unit_price

    from listings
    group by category, price_unit
    having count(*) >= {{ var('price_outlier_min_peers') }}

),

compared as (

    select
        listings.*,
        medians.peers,
        medians.median_unit_price,
        listings.unit_price / medians.median_unit_price as price_ratio

    from listings
    inner join medians
        on listings.category = medians.category
        and listings.price_unit = medians.price_unit

),

flagged as (

    select
        'listing' as object_type,
        compared.listing_id as object_id,
        rule.rule_code,
        'giá ' || {{ number_text('compared.unit_price') }} || ' đ/' || compared.price_unit
            || ', trung vị nhóm ' || compared.category || ' ' || {{ number_text('compared.median_unit_price') }}
            || ' đ/' || compared.price_unit || ' (' || cast(compared.peers as varchar) || ' tin), gấp '
            || {{ number_text('compared.price_ratio', 2) }} || ' lần' as evidence,
        compared.org_id,
        compared.province_code,
        compared.posted_at as observed_at

    from compared
    cross join rule
    where abs(ln(compared.price_ratio)) > rule.threshold

)

select * from flagged
