-- Each approved establishment's score at each month end: the weighted mean of its five parts
-- (ranking_weights), with the parts and the counts behind them.
with

grid as (

    select * from {{ ref('int_establishment_months_approved') }}
    where is_approved

),

-- each weight divided by their sum once, as an exact decimal, so the score is exact decimal arithmetic
-- (identical on every engine)
weights as (

    select
        {% for part in ['compliance', 'rating', 'complaints', 'certificates', 'responsiveness'] -%}
        {{ to_decimal("max(case when part = '" ~ part ~ "' then weight end) / sum(weight)", 10, 6) }}
            as {{ part }}_weight{{ ',' if not loop.last }}
        {% endfor %}

    from {{ ref('ranking_weights') }}

),

compliance as (select * from {{ ref('int_violations_decayed') }}),
ratings as (select * from {{ ref('int_ratings_shrunk') }}),
complaints as (select * from {{ ref('int_complaints_counted') }}),
certificates as (select * from {{ ref('int_certificates_validated') }}),
responses as (select * from {{ ref('int_responses_timed') }}),

joined as (

    select
        ---------- ids
        grid.establishment_id,
        ---------- text
        grid.establishment_name,
        grid.province_code,
        grid.province,
        grid.category,
        ---------- dates
        grid.month,
        ---------- parts
        compliance.compliance_score,
        ratings.rating_score,
        complaints.complaints_score,
        certificates.certificate_score,
        responses.responsiveness_score,
        ---------- counts behind the parts
        compliance.violations,
        compliance.violations_weighted,
        compliance.inspections,
        compliance.inspections_weighted,
        compliance.inspection_findings,
        compliance.inspection_findings_weighted,
        ratings.reviews,
        ratings.avg_rating,
        ratings.shrunk_rating,
        complaints.complaints_upheld,
        complaints.active_listings,
        certificates.valid_certificates,
        responses.questions,
        responses.questions_answered,
        responses.complaints_due,
        responses.complaints_resolved

    from grid
    inner join compliance
        on grid.establishment_id = compliance.establishment_id and grid.month = compliance.month
    inner join ratings
        on grid.establishment_id = ratings.establishment_id and grid.month = ratings.month
    inner join complaints
        on grid.establishment_id = complaints.establishment_id and grid.month = complaints.month
    inner join certificates
        on grid.establishment_id = certificates.establishment_id and grid.month = certificates.month
    inner join responses
        on grid.establishment_id = responses.establishment_id and grid.month = responses.month

),

scored as (

    select
        joined.*,
        -- exact decimal arithmetic: rounded parts times the normalised weights
        {{ to_decimal(
            "weights.compliance_weight * joined.compliance_score"
            ~ " + weights.rating_weight * joined.rating_score"
            ~ " + weights.complaints_weight * joined.complaints_score"
            ~ " + weights.certificates_weight * joined.certificate_score"
            ~ " + weights.responsiveness_weight * joined.responsiveness_score", 6, 2
        ) }} as score

    from joined
    cross join weights

)

select * from scored
