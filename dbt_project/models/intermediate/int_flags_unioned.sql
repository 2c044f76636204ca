-- Every rule hit, one row per object and rule, with the rule's severity and reason (flag_rules).
with

hits as (

    {% for rule in ['price_outlier', 'certificate_missing', 'certificate_expired',
                    'certificate_other_establishment', 'duplicate_listing', 'disease_claim', 'shared_phone',
                    'review_burst', 'unapproved_seller',
                    'shared_email', 'listing_burst', 'supply_demand_quantity', 'supply_demand_price',
                    'review_spam', 'food_safety_signal'] -%}
    select object_type, object_id, rule_code, evidence, org_id, province_code, observed_at
    from {{ ref('int_flags_' ~ rule) }}
    {{ 'union all' if not loop.last }}
    {% endfor %}

),

rules as (

    select * from {{ ref('flag_rules') }}

),

final as (

    select
        hits.object_type,
        hits.object_id,
        hits.rule_code,
        rules.severity,
        rules.reason_vi,
        hits.evidence,
        hits.org_id,
        hits.province_code,
        hits.observed_at

    from hits
    inner join rules
        on hits.rule_code = rules.rule_code

)

select * from final
