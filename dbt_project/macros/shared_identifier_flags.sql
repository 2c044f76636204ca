{#- Accounts sharing one personal identifier (its keyed hash): at least flag_rules.threshold accounts carry the
    same hash; each of them is flagged. `what` names the identifier in the evidence (Vietnamese). -#}
{% macro shared_identifier_flags(rule_code, hash_column, what) -%}
with

rule as (

    select * from {{ ref('flag_rules') }}
    where rule_code = '{{ rule_code }}'

),

members as (

    select * from {{ ref('stg_platform__members') }}
    where {{ hash_column }} is not null

),

shared as (

    select
        members.{{ hash_column }},
        count(*) as accounts

    from members
    cross join rule
    group by members.{{ hash_column }}, rule.threshold
    having count(*) >= rule.threshold

),

flagged as (

    select
        'member' as object_type,
        members.member_id as object_id,
        rule.rule_code,
        'cùng {{ what }} với ' || cast(shared.accounts - 1 as varchar) || ' tài khoản khác' as evidence,
        cast(null as varchar) as org_id,
        {{ province_code_or_unknown('members.province_code') }} as province_code,
        members.registered_at as observed_at

    from members
    inner join shared
        on members.{{ hash_column }} = shared.{{ hash_column }}
    cross join rule

)

select * from flagged
{%- endmacro %}
