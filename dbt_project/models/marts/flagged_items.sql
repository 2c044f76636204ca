-- Flagged items: the reviewers' queue, one entry per listing, supply-demand post, review or account that a rule
-- flagged, kept across runs. Each run recomputes the rule hits and merges them into the previous state:
-- - an item still flagged stays one entry: first_flagged_at is kept, last_flagged_at becomes this run;
-- - a reviewer's latest decision (int_flag_decisions) sets the status: confirmed, escalated, or dismissed; a
--   dismissed item stays dismissed while its evidence fingerprint (its rule codes and the version of the object
--   itself) is the one the reviewer saw, and opens again when another rule fires or the object is edited;
-- - an item no rule flags any more keeps its entry, status cleared (or its decision, when it had one).
-- Severity score: the most severe rule (flag_rules.severity) plus var flag_extra_rule_bonus per further rule, at
-- most 100. Times are Vietnam time (Asia/Ho_Chi_Minh), like every platform time in the warehouse.
{{ config(
    materialized='incremental',
    unique_key=['object_type', 'object_id'],
    incremental_strategy='delete+insert',
    on_schema_change='append_new_columns',
) }}

with

hits as (

    select * from {{ ref('int_flags_unioned') }}

),

decisions as (

    select * from {{ ref('int_flag_decisions') }}
    where decision_rank = 1

),

-- the version of each flaggable object: an edit is new evidence for a dismissed item
object_versions as (

    select 'listing' as object_type, listing_id as object_id, updated_at
    from {{ ref('stg_platform__listings') }}
    union all
    select 'supply_demand_post', post_id, updated_at
    from {{ ref('stg_platform__supply_demand_posts') }}
    union all
    select 'review', review_id, updated_at
    from {{ ref('stg_platform__reviews') }}
    union all
    select 'member', member_id, updated_at
    from {{ ref('stg_platform__members') }}

),

grouped as (

    select
        object_type,
        object_id,
        {{ string_agg_ordered('rule_code', ';', 'rule_code') }} as rule_codes,
        {{ string_agg_ordered('reason_vi', ' | ', 'rule_code') }} as reasons,
        {{ string_agg_ordered('evidence', ' | ', 'rule_code') }} as evidence,
        count(*) as rule_count,
        max(severity) as max_severity,
        min(org_id) as org_id,
        min(province_code) as province_code,
        min(observed_at) as observed_at

    from hits
    group by object_type, object_id

),

current_flags as (

    select
        grouped.*,
        md5(grouped.rule_codes || '|' || coalesce(cast(object_versions.updated_at as varchar), ''))
            as evidence_fingerprint

    from grouped
    left join object_versions
        on grouped.object_type = object_versions.object_type
        and grouped.object_id = object_versions.object_id

),

previous as (

    {% if is_incremental() -%}
    {#- a queue built before the state columns existed: its entries merge in, without decisions -#}
    {%- set existing = adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list -%}
    select
        object_type,
        object_id,
        {% for column in ['evidence_fingerprint', 'decision_event_id', 'decided_fingerprint'] -%}
        {{ column if column in existing else 'cast(null as varchar) as ' ~ column }},
        {% endfor -%}
        first_flagged_at,
        last_flagged_at,
        rule_codes,
        reasons,
        evidence,
        rule_count,
        severity_score,
        org_id,
        province_code,
        observed_at
    from {{ this }}
    {%- else -%}
    -- first build: no previous state (typed like the table)
    select
        cast(null as varchar) as object_type,
        cast(null as varchar) as object_id,
        cast(null as varchar) as evidence_fingerprint,
        cast(null as varchar) as decision_event_id,
        cast(null as varchar) as decided_fingerprint,
        cast(null as timestamp) as first_flagged_at,
        cast(null as timestamp) as last_flagged_at,
        cast(null as varchar) as rule_codes,
        cast(null as varchar) as reasons,
        cast(null as varchar) as evidence,
        cast(null as integer) as rule_count,
        cast(null as integer) as severity_score,
        cast(null as varchar) as org_id,
        cast(null as varchar) as province_code,
        cast(null as timestamp) as observed_at
    where 1 = 0
    {%- endif %}

),

merged as (

    select
        coalesce(current_flags.object_type, previous.object_type) as object_type,
        coalesce(current_flags.object_id, previous.object_id) as object_id,
        current_flags.object_id is not null as is_flagged_now,
        current_flags.rule_codes as current_rule_codes,
        current_flags.reasons as current_reasons,
        current_flags.evidence as current_evidence,
        current_flags.rule_count as current_rule_count,
        current_flags.max_severity,
        current_flags.org_id as current_org_id,
        current_flags.province_code as current_province_code,
        current_flags.observed_at as current_observed_at,
        current_flags.evidence_fingerprint as current_fingerprint,
        previous.rule_codes as previous_rule_codes,
        previous.reasons as previous_reasons,
        previous.evidence as previous_evidence,
        previous.rule_count as previous_rule_count,
        previous.severity_score as previous_severity_score,
        previous.org_id as previous_org_id,
        previous.province_code as previous_province_code,
        previous.observed_at as previous_observed_at,
        previous.evidence_fingerprint as previous_fingerprint,
        previous.decision_event_id as previous_decision_event_id,
        previous.decided_fingerprint as previous_decided_fingerprint,
        previous.first_flagged_at,
        previous.last_flagged_at

    from current_flags
    full outer join previous
        on current_flags.object_type = previous.object_type
        and current_flags.object_id = previous.object_id

),

decided as (

    select
        merged.*,
        decisions.event_id as decision_event_id,
        decisions.decision,
        decisions.decided_at,
        decisions.decided_by,
        -- a decision seen for the first time applies to the evidence the reviewer saw: the previous run's
        case
            when decisions.event_id is null then null
            when decisions.event_id = merged.previous_decision_event_id then merged.previous_decided_fingerprint
            else coalesce(merged.previous_fingerprint, merged.current_fingerprint)
        end as decided_fingerprint

    from merged
    left join decisions
        on merged.object_type = decisions.object_type
        and merged.object_id = decisions.object_id

),

final as (

    select
        ---------- grain
        object_type,
        object_id,
        ---------- why
        coalesce(current_rule_codes, previous_rule_codes) as rule_codes,
        coalesce(current_reasons, previous_reasons) as reasons,
        coalesce(current_evidence, previous_evidence) as evidence,
        cast(coalesce(current_rule_count, previous_rule_count) as integer) as rule_count,
        cast(coalesce(
            least(100, max_severity + {{ var('flag_extra_rule_bonus') }} * (current_rule_count - 1)),
            previous_severity_score
        ) as integer) as severity_score,
        ---------- routing
        coalesce(current_org_id, previous_org_id) as org_id,
        coalesce(current_province_code, previous_province_code) as province_code,
        ---------- state
        case
            when not is_flagged_now and decision in ('confirmed', 'dismissed') then decision
            when not is_flagged_now then 'cleared'
            when decision = 'dismissed' and decided_fingerprint = current_fingerprint then 'dismissed'
            when decision = 'dismissed' then 'open'
            when decision in ('confirmed', 'escalated') then decision
            else 'open'
        end as status,
        decision,
        decided_at,
        decided_by,
        decision_event_id,
        coalesce(current_fingerprint, previous_fingerprint) as evidence_fingerprint,
        decided_fingerprint,
        ---------- dates (Vietnam time)
        coalesce(current_observed_at, previous_observed_at) as observed_at,
        coalesce(first_flagged_at, {{ run_timestamp() }}) as first_flagged_at,
        case when is_flagged_now then {{ run_timestamp() }} else last_flagged_at end as last_flagged_at

    from decided

)

select * from final
