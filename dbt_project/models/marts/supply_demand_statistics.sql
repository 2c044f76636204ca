-- Supply-demand posts (tin kết nối cung cầu): per month posted, province of the post's location, product
-- category and kind (supply, demand): how many posts, how many approved (their current status), and the
-- quantity offered or sought in kilograms (posts in mass units, unit_kg).
with

posts as (

    select
        posts.*,
        {{ province_code_or_unknown('posts.province_code') }} as located_province_code,
        {{ month_start('posts.posted_at') }} as month,
        posts.quantity * unit_kg.kg as quantity_kg

    from {{ ref('stg_platform__supply_demand_posts') }} as posts
    left join {{ ref('unit_kg') }} as unit_kg
        on posts.unit = unit_kg.unit

),

provinces as (

    select * from {{ ref('int_provinces_named') }}

),

final as (

    select
        ---------- grain
        posts.month,
        posts.located_province_code as province_code,
        min(coalesce(provinces.province, posts.located_province_code)) as province,
        posts.category,
        posts.kind,
        ---------- counts
        cast(count(*) as integer) as posts,
        cast(sum(case when posts.status = 'approved' then 1 else 0 end) as integer) as approved_posts,
        cast(sum(case when posts.quantity_kg is not null then 1 else 0 end) as integer) as posts_in_mass_units,
        {{ to_decimal('sum(posts.quantity_kg)', 18, 1) }} as quantity_kg

    from posts
    left join provinces
        on posts.located_province_code = provinces.province_code
    group by posts.month, posts.located_province_code, posts.category, posts.kind

)

select * from final
