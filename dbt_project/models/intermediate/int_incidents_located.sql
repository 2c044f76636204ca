-- Each operational incident with its province (of the organisation concerned, 'unknown' without one) and the
-- hours it took to resolve.
with

incidents as (

    select * from {{ ref('stg_platform__incidents') }}

),

organizations as (

    select * from {{ ref('stg_platform__organizations') }}

),

located as (

    select
        incidents.*,
        {{ province_code_or_unknown('organizations.province_code') }} as province_code,
        {{ month_start('incidents.reported_at') }} as reported_month,
        {{ month_start('incidents.resolved_at') }} as resolved_month,
        case
            when incidents.resolved_at is not null
                then {{ hours_between('incidents.reported_at', 'incidents.resolved_at') }}
        end as hours_to_resolve

    from incidents
    left join organizations
        on incidents.org_id = organizations.org_id

)

select * from located
