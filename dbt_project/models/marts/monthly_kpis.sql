-- Monthly KPIs: one row per province, month and indicator (kpi_indicators), the single source of the numbers
-- the monthly report and the dashboards show; zero where nothing happened (a median too: 0 when nothing was
-- resolved, which its count shows). Each count is read from the mart
-- that holds it (approval_throughput, complaint_statistics, violation_statistics, violating_establishments,
-- flagged_items, sanction_statistics, member_statistics, supply_demand_statistics, incident_statistics,
-- policy_document_statistics), so a dashboard on a mart and the report show the same number.
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

establishments as (

    select * from {{ ref('int_establishments_located') }}

),

moderation_events as (

    select * from {{ ref('int_moderation_events_sequenced') }}

),

counts as (

    select province_code, month, 'members_registered' as indicator, sum(registered) as value
    from {{ ref('member_statistics') }}
    group by 1, 2

    {% for status in ['suspended', 'terminated', 'deleted', 'reactivated'] -%}
    union all

    select province_code, month, 'members_{{ status }}' as indicator, sum({{ status }}) as value
    from {{ ref('member_statistics') }}
    group by 1, 2

    {% endfor -%}
    union all

    select
        province_code,
        {{ month_start('registered_at') }} as month,
        'establishments_registered' as indicator,
        count(*) as value
    from establishments
    group by 1, 2

    union all

    select province_code, {{ month_start('valid_from') }} as month, 'establishments_changed' as indicator,
        count(*) as value
    from {{ ref('establishment_history') }}
    where is_registration_change
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

    {% for indicator, column in [('moderation_backlog', 'backlog_end'),
                                 ('decisions_past_service_level', 'decided_past_service_level')] -%}
    union all

    select
        {{ province_code_or_unknown('organizations.province_code') }} as province_code,
        throughput.period_start as month,
        '{{ indicator }}' as indicator,
        sum(throughput.{{ column }}) as value
    from {{ ref('approval_throughput') }} as throughput
    left join organizations
        on throughput.org_id = organizations.org_id
    where throughput.period_kind = 'month'
    group by 1, 2

    {% endfor -%}
    {% for indicator, measure in [('complaints_received', 'received'), ('complaints_resolved', 'resolved'),
                                  ('complaints_upheld', 'upheld'),
                                  ('complaints_resolved_in_time', 'resolved_within_service_level'),
                                  ('complaints_open', 'open_at_month_end'),
                                  ('disputes_received', "case when kind = 'dispute' then received else 0 end")] -%}
    union all

    select province_code, month, '{{ indicator }}' as indicator, sum({{ measure }}) as value
    from {{ ref('complaint_statistics') }}
    group by 1, 2

    {% endfor -%}
    -- medians over the whole province and month (the mart's are per category), in whole days / hours
    union all

    select province_code, resolved_month as month, 'complaints_median_days_to_resolve' as indicator,
        {{ to_decimal(median('days_to_resolve'), 18, 0) }} as value
    from {{ ref('int_complaints_located') }}
    where resolved_at is not null
    group by 1, 2

    union all

    select province_code, resolved_month as month, 'incidents_median_hours_to_resolve' as indicator,
        {{ to_decimal(median('hours_to_resolve'), 18, 0) }} as value
    from {{ ref('int_incidents_located') }}
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

    select province_code, month, 'violating_establishments' as indicator, count(*) as value
    from {{ ref('violating_establishments') }}
    where violations > 0  -- not the establishments listed for consumers' food-safety signals alone
    group by 1, 2

    union all

    select province_code, month, 'repeat_offenders' as indicator, count(*) as value
    from {{ ref('violating_establishments') }}
    where is_repeat_offender
    group by 1, 2

    union all

    select
        province_code,
        {{ month_start('observed_at') }} as month,
        'flags_raised' as indicator,
        count(*) as value
    from {{ ref('flagged_items') }}
    group by 1, 2

    union all

    select province_code, month, 'account_sanctions' as indicator, sum(sanctions) as value
    from {{ ref('sanction_statistics') }}
    group by 1, 2

    union all

    select province_code, month, 'account_sanctions_' || kind as indicator, sum(sanctions) as value
    from {{ ref('sanction_statistics') }}
    group by 1, 2, 3

    union all

    select province_code, month, 'supply_demand_posts' as indicator, sum(posts) as value
    from {{ ref('supply_demand_statistics') }}
    group by 1, 2

    union all

    select province_code, month, kind || '_posts' as indicator, sum(posts) as value
    from {{ ref('supply_demand_statistics') }}
    group by 1, 2, 3

    {% for indicator, measure in [('incidents_reported', 'reported'), ('incidents_resolved', 'resolved'),
                                  ('incidents_open', 'open_at_month_end')] -%}
    union all

    select province_code, month, '{{ indicator }}' as indicator, sum({{ measure }}) as value
    from {{ ref('incident_statistics') }}
    group by 1, 2

    {% endfor -%}
    union all

    select province_code, month, 'policy_documents_published' as indicator, sum(documents) as value
    from {{ ref('policy_document_statistics') }}
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
        indicators.aggregation,
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
        indicators.sort_order, indicators.aggregation

)

select * from final
