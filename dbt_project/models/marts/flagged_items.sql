-- Flagged items (the reviewers' queue, first version): one row per flagged listing, review or account with
-- the rules it broke, why, the numbers behind it, and a severity score: the most severe rule
-- (flag_rules.severity) plus var flag_extra_rule_bonus per further rule, at most 100.
with

hits as (

    select * from {{ ref('int_flags_unioned') }}

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

final as (

    select
        ---------- grain
        object_type,
        object_id,
        ---------- why
        rule_codes,
        reasons,
        evidence,
        cast(rule_count as integer) as rule_count,
        cast(least(100, max_severity + {{ var('flag_extra_rule_bonus') }} * (rule_count - 1)) as integer)
            as severity_score,
        ---------- routing
        org_id,
        province_code,
        ---------- status and dates
        'open' as status,
        observed_at,
        {{ run_timestamp() }} as first_flagged_at,
        {{ run_timestamp() }} as last_flagged_at

    from grouped

)

select * from final
