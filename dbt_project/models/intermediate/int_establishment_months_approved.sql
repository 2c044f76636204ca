-- One row per establishment and month, from the month it registered (or first appeared in a listing, review,
-- complaint or question, if that was earlier) to the last month the data spans, with the establishment as it
-- stood at the month end (the version current then) and whether it was approved at that moment. The score
-- parts are computed on every row (running totals need every month from the first activity); facility_rankings
-- keeps the approved ones. Starting at the registration keeps the grid small (a city with years of data and
-- thousands of establishments would otherwise have every establishment in every month) without changing a
-- score: before its first month an establishment has nothing to count.
with

months as (

    select * from {{ ref('int_months_spanned') }}

),

versions as (

    select * from {{ ref('stg_platform__establishment_versions') }}

),

current_establishments as (

    select * from {{ ref('int_establishments_located') }}

),

listings as (

    select * from {{ ref('stg_platform__listings') }}

),

-- the first time each establishment appears: its first version (from the registration), or a record about it
appearances as (

    select establishment_id, valid_from as appeared_at from versions
    union all
    select establishment_id, posted_at from listings
    {% for relation, column in [('stg_platform__reviews', 'posted_at'), ('stg_platform__complaints', 'received_at'),
                                ('stg_platform__complaints', 'resolved_at'), ('stg_platform__questions', 'asked_at')] %}
    union all
    select
        coalesce(records.establishment_id, listings.establishment_id),
        records.{{ column }}
    from {{ ref(relation) }} as records
    left join listings
        on records.listing_id = listings.listing_id
    {% endfor %}

),

first_months as (

    select
        establishment_id,
        {{ month_start('min(appeared_at)') }} as first_month

    from appearances
    group by establishment_id

),

grid as (

    select
        current_establishments.establishment_id,
        months.month,
        months.month_end,
        months.next_month

    from current_establishments
    inner join first_months
        on current_establishments.establishment_id = first_months.establishment_id
    inner join months
        on months.month >= first_months.first_month

),

as_of_month_end as (

    select
        grid.establishment_id,
        grid.month,
        versions.establishment_name,
        versions.main_category,
        versions.province_code,
        versions.province,
        versions.status,
        versions.approved_at

    from grid
    inner join versions
        on grid.establishment_id = versions.establishment_id
        and versions.valid_from < cast(grid.next_month as timestamp)
        and (versions.valid_to is null or versions.valid_to >= cast(grid.next_month as timestamp))

),

final as (

    select
        ---------- ids
        grid.establishment_id,
        ---------- text
        coalesce(as_of_month_end.establishment_name, current_establishments.establishment_name)
            as establishment_name,
        coalesce(as_of_month_end.main_category, current_establishments.category, 'other') as category,
        {{ province_code_or_unknown('coalesce(as_of_month_end.province_code, current_establishments.province_code)') }}
            as province_code,
        {{ province_name_or_unknown('coalesce(as_of_month_end.province, current_establishments.province)') }}
            as province,
        as_of_month_end.status as status_at_month_end,
        ---------- booleans
        coalesce(
            as_of_month_end.status = 'approved'
            and (as_of_month_end.approved_at is null
                 or as_of_month_end.approved_at < cast(grid.next_month as timestamp)),
            false
        ) as is_approved,
        ---------- dates
        grid.month,
        grid.month_end,
        grid.next_month

    from grid
    inner join current_establishments
        on grid.establishment_id = current_establishments.establishment_id
    left join as_of_month_end
        on grid.establishment_id = as_of_month_end.establishment_id
        and grid.month = as_of_month_end.month

)

select * from final
