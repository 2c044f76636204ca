-- Each complaint or dispute with the establishment concerned (its own, else its listing's), the province (of
-- that establishment, else of the handling organisation, else 'unknown'), the time it took to resolve and
-- whether it was resolved within the service level (int_service_requests_timed, working days).
with

complaints as (

    select * from {{ ref('stg_platform__complaints') }}

),

listings as (

    select * from {{ ref('stg_platform__listings') }}

),

establishments as (

    select * from {{ ref('int_establishments_located') }}

),

organizations as (

    select * from {{ ref('stg_platform__organizations') }}

),

timed as (

    select * from {{ ref('int_service_requests_timed') }}
    where request_type = 'complaint_resolution'

),

located as (

    select
        complaints.*,
        coalesce(complaints.establishment_id, listings.establishment_id) as concerned_establishment_id,
        coalesce(
            establishments.province_code,
            organizations.province_code,
            '{{ var("unknown_province_code") }}'
        ) as province_code,
        {{ month_start('complaints.received_at') }} as received_month,
        {{ month_start('complaints.resolved_at') }} as resolved_month,
        case
            when complaints.resolved_at is not null
                then {{ hours_between('complaints.received_at', 'complaints.resolved_at') }} / 24.0
        end as days_to_resolve,
        timed.due_on,
        coalesce(timed.is_within_service_level, false) as is_resolved_within_service_level

    from complaints
    left join listings
        on complaints.listing_id = listings.listing_id
    left join establishments
        on coalesce(complaints.establishment_id, listings.establishment_id) = establishments.establishment_id
    left join organizations
        on complaints.org_id = organizations.org_id
    left join timed
        on complaints.complaint_id = timed.request_id

)

select * from located
