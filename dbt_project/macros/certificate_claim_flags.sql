{#- The three certificate rules share one check (int_certificate_claims_checked); each keeps the claims of
    one status and writes one flag per listing, the evidence of its claims joined with '; '. The evidence
    names the certificate as certificate_label, its Vietnamese name (certificate_points.label_vi). -#}
{% macro certificate_claim_flags(claim_status, evidence) %}
with

rule as (

    select * from {{ ref('flag_rules') }}
    where rule_code = 'certificate_{{ claim_status }}'

),

labelled as (

    select
        checked.*,
        coalesce(certificate_points.label_vi, checked.certificate_type) as certificate_label

    from {{ ref('int_certificate_claims_checked') }} as checked
    left join {{ ref('certificate_points') }} as certificate_points
        on checked.certificate_type = certificate_points.certificate_type
    where checked.claim_status = '{{ claim_status }}'

),

claims as (

    select
        *,
        {{ evidence }} as claim_evidence

    from labelled

),

flagged as (

    select
        'listing' as object_type,
        claims.listing_id as object_id,
        rule.rule_code,
        {{ string_agg_ordered('claims.claim_evidence', '; ', 'claims.certificate_type') }} as evidence,
        min(claims.org_id) as org_id,
        min(claims.province_code) as province_code,
        min(claims.posted_at) as observed_at

    from claims
    cross join rule
    group by claims.listing_id, rule.rule_code

)

select * from flagged
{% endmacro %}
