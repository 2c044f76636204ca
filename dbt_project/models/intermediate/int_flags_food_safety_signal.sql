-- food_safety_signal: a review, comment or complaint reports unsafe food (int_food_safety_signals_matched).
with

rule as (

    select * from {{ ref('flag_rules') }}
    where rule_code = 'food_safety_signal'

),

signals as (

    select * from {{ ref('int_food_safety_signals_matched') }}

),

flagged as (

    select
        signals.object_type,
        signals.object_id,
        rule.rule_code,
        'cụm từ: ' || signals.phrases
            || coalesce(' | cơ sở ' || signals.establishment_id, '') as evidence,
        signals.org_id,
        signals.province_code,
        signals.observed_at

    from signals
    cross join rule

)

select * from flagged
