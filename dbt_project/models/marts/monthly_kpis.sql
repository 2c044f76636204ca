-- Monthly KPIs: one row per province, month and indicator (kpi_indicators), the single source of the numbers
-- the monthly report and the dashboards show; zero where nothing happened. Counts follow the marts where one
-- exists (moderation backlog: approval_throughput; violations: violation_statistics; flags: flagged_items).
-- Province: of the establishment or account concerned, else of the organisation concerned.
with

indicators as (

    select * from {{ ref('kpi_indicators') }}

),

provinces as (

    select * from {{ ref('int_provinces_named') }}

),

organizations as (

    select * from {{ ref('stg_platform__organizations') }}

),

members as (

    select * from {{ ref('stg_platform__members') }}

),

establishments as (

    select * from {{ ref('int_establishments_located') }}

),

listings as (

    select * from {{ ref('stg_platform__listings') }}

),

moderation_events as (

    select * from {{ ref('int_moderation_events_sequenced') }}

),

complaints as (

    select
        complaints.*,
        coalesce(
            establishments.province_code,
            organizations.province_code,
            '{{ var("unknown_province_code") }}'
        ) as province_code

    from {{ ref('stg_platform__complaints') }} as complaints
    left join listings
        on complaints.listing_id = listings.listing_id
    left join establishments
        on coalesce(complaints.establishment_id, listings.establishment_id) = establishments.establishment_id
    left join organizations
        on complaints.org_id = organizations.org_id

),

counts as (

    select
        {{ province_code_or_unknown('province_code') }} as province_code,
        {{ month_start('registered_at') }} as month,
        'members_registered' as indicator,
        count(*) as value
    from members
    group by 1, 2

    union all

    select
        province_code,
        {{ month_start('registered_at') }} as month,
        'establishments_registered' as indicator,
        count(*) as value
    from establishments
    group by 1, 2

    union all

    select
        {{ province_code_or_unknown('establishments.province_code') }} as province_code,
        {{ month_start('moderation_events.occurred_at') }} as month,
        'establishments_' || moderation_events.action as indicator,
        count(*) as value
    from moderation_events
    left join establishments
        on moderation_events.object_id = establishments.establishment_id
    where moderation_events.object_type = 'establishment' and moderation_events.action in ('approved', 'rejected')
    group by 1, 2, 3

    union all

    select
        {{ province_code_or_unknown('organizations.province_code') }} as province_code,
        {{ month_start('moderation_events.occurred_at') }} as month,
        'decisions_' || moderation_events.object_type as indicator,
        count(*) as value
    from moderation_events
    left join organizations
        on moderation_events.org_id = organizations.org_id
    where moderation_events.is_decision
    group by 1, 2, 3

    union all

    select
        {{ province_code_or_unknown('organizations.province_code') }} as province_code,
        throughput.period_start as month,
        'moderation_backlog' as indicator,
        sum(throughput.backlog_end) as value
    from {{ ref('approval_throughput') }} as throughput
    left join organizations
        on throughput.org_id = organizations.org_id
    where throughput.period_kind = 'month'
    group by 1, 2

    union all

    select
        province_code,
        {{ month_start('received_at') }} as month,
        'complaints_received' as indicator,
        count(*) as value
    from complaints
    group by 1, 2

    union all

    select
        province_code,
        {{ month_start('resolved_at') }} as month,
        'complaints_resolved' as indicator,
        count(*) as value
    from complaints
    where resolved_at is not null
    group by 1, 2

    union all

    select
        province_code,
        month,
        'violations_' || severity as indicator,
        sum(violations) as value
    from {{ ref('violation_statistics') }}
    group by 1, 2, 3

    union all

    select
        province_code,
        {{ month_start('observed_at') }} as month,
        'flags_raised' as indicator,
        count(*) as value
    from {{ ref('flagged_items') }}
    group by 1, 2

    union all

    select
        {{ province_code_or_unknown('members.province_code') }} as province_code,
        {{ month_start('sanctions.decided_at') }} as month,
        'account_sanctions' as indicator,
        count(*) as value
    from {{ ref('stg_platform__account_sanctions') }} as sanctions
    left join members
        on sanctions.member_id = members.member_id
    group by 1, 2

    union all

    select
        {{ province_code_or_unknown('province_code') }} as province_code,
        {{ month_start('posted_at') }} as month,
        'supply_demand_posts' as indicator,
        count(*) as value
    from {{ ref('stg_platform__supply_demand_posts') }}
    group by 1, 2

    union all

    select
        {{ province_code_or_unknown('organizations.province_code') }} as province_code,
        {{ month_start('incidents.reported_at') }} as month,
        'incidents_reported' as indicator,
        count(*) as value
    from {{ ref('stg_platform__incidents') }} as incidents
    left join organizations
        on incidents.org_id = organizations.org_id
    group by 1, 2

    union all

    select
        {{ province_code_or_unknown('organizations.province_code') }} as province_code,
        {{ month_start('documents.published_on') }} as month,
        'policy_documents_published' as indicator,
        count(*) as value
    from {{ ref('stg_platform__policy_documents') }} as documents
    left join organizations
        on documents.org_id = organizations.org_id
    group by 1, 2

),

months as (

    select month from {{ ref('int_months_spanned') }}
    union
    select month from counts

),

-- every indicator of the seed in every month and province with any count; a count under a code missing
-- from the seed still gets a row (and fails the not_null test on label_vi)
grain as (

    select
        province_codes.province_code,
        months.month,
        indicators.indicator

    from (select distinct province_code from counts) as province_codes
    cross join months
    cross join indicators

    union

    select province_code, month, indicator from counts

),

final as (

    select
        ---------- grain
        grain.province_code,
        coalesce(provinces.province, grain.province_code) as province,
        grain.month,
        grain.indicator,
        ---------- value
        indicators.label_vi,
        indicators.sort_order,
        cast(coalesce(sum(counts.value), 0) as bigint) as value

    from grain
    left join counts
        on grain.province_code = counts.province_code
        and grain.month = counts.month
        and grain.indicator = counts.indicator
    left join indicators
        on grain.indicator = indicators.indicator
    left join provinces
        on grain.province_code = provinces.province_code
    group by
        grain.province_code, provinces.province, grain.month, grain.indicator, indicators.label_vi,
        indicators.sort_order

)

select * from final
