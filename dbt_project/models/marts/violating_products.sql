-- Violating products (thống kê sản phẩm vi phạm): one row per month and product named in a violation detected
-- in that month, with its establishment, how many violations and how severe, and which categories.
with

violations as (

    select * from {{ ref('int_violations_located') }}
    where product_id is not null

),

products as (

    select * from {{ ref('stg_platform__products') }}

),

categories as (

    select distinct month, product_id, category

    from violations

),

category_lists as (

    select
        month,
        product_id,
        {{ string_agg_ordered('category', ', ', 'category') }} as violation_categories

    from categories
    group by month, product_id

),

counted as (

    select
        month,
        product_id,
        min(establishment_id) as establishment_id,
        min(establishment_name) as establishment_name,
        min(province_code) as province_code,
        min(province) as province,
        count(*) as violations,
        sum(case when severity = 'critical' then 1 else 0 end) as critical,
        sum(case when severity = 'serious' then 1 else 0 end) as serious,
        sum(case when severity = 'minor' then 1 else 0 end) as minor,
        sum(case when closed_on is not null then 1 else 0 end) as closed

    from violations
    group by month, product_id

),

final as (

    select
        ---------- grain
        counted.month,
        counted.product_id,
        ---------- the product and its establishment
        products.product_name,
        products.category as product_category,
        coalesce(products.establishment_id, counted.establishment_id) as establishment_id,
        counted.establishment_name,
        counted.province_code,
        counted.province,
        ---------- its violations in the month
        cast(counted.violations as integer) as violations,
        cast(counted.critical as integer) as critical,
        cast(counted.serious as integer) as serious,
        cast(counted.minor as integer) as minor,
        category_lists.violation_categories,
        cast(counted.closed as integer) as closed

    from counted
    left join products
        on counted.product_id = products.product_id
    left join category_lists
        on counted.month = category_lists.month
        and counted.product_id = category_lists.product_id

)

select * from final
