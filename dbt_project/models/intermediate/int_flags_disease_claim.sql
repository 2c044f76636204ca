-- disease_claim: the folded title or text of a listing contains a phrase of disease_claim_terms as whole words.
with

rule as (

    select * from {{ ref('flag_rules') }}
    where rule_code = 'disease_claim'

),

terms as (

    select * from {{ ref('disease_claim_terms') }}

),

listings as (

    select * from {{ ref('int_listings_normalised') }}

),

matches as (

    select
        listings.listing_id,
        terms.term,
        terms.phrase_vi

    from listings
    inner join terms
        on listings.padded_text like '% ' || terms.term || ' %'

),

flagged as (

    select
        'listing' as object_type,
        matches.listing_id as object_id,
        rule.rule_code,
        'cụm từ: ' || {{ string_agg_ordered('matches.phrase_vi', ', ', 'matches.term') }} as evidence,
        min(listings.org_id) as org_id,
        min(listings.province_code) as province_code,
        min(listings.posted_at) as observed_at

    from matches
    inner join listings
        on matches.listing_id = listings.listing_id
    cross join rule
    group by matches.listing_id, rule.rule_code

)

select * from flagged
