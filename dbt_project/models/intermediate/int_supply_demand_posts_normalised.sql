-- Supply-demand posts ready for the rules: quantity in kg and price per kg for mass units (unit_kg), else in
-- the post's own unit, and the organisation and province of the establishment behind the post.
with

posts as (

    select * from {{ ref('stg_platform__supply_demand_posts') }}

),

establishments as (

    select * from {{ ref('int_establishments_located') }}

),

unit_kg as (

    select * from {{ ref('unit_kg') }}

),

normalised as (

    select
        ---------- ids
        posts.post_id,
        posts.member_id,
        posts.establishment_id,
        establishments.org_id,
        ---------- text
        posts.kind,
        posts.category,
        posts.unit,
        {{ measured_unit('posts.unit') }} as measure_unit,
        posts.status,
        {{ province_code_or_unknown('coalesce(posts.province_code, establishments.province_code)') }}
            as province_code,
        ---------- numerics
        posts.quantity,
        posts.price,
        {{ in_measured_unit('posts.quantity', 'posts.unit') }} as measure_quantity,
        {{ per_measured_unit('posts.price', 'posts.unit') }} as measure_price,
        ---------- dates
        posts.posted_at

    from posts
    left join establishments
        on posts.establishment_id = establishments.establishment_id
    left join unit_kg
        on posts.unit = unit_kg.unit

)

select * from normalised
