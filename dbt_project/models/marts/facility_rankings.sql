-- Facility rankings (xếp hạng cơ sở): every approved establishment, each month, ranked within its province
-- and category by its score (int_scores_weighted); ties go to the smaller establishment_id.
with

scores as (

    select * from {{ ref('int_scores_weighted') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by month, province_code, category
            order by score desc, establishment_id
        ) as rank

    from scores

),

-- the rank of the previous month in the same province and category, if the establishment was ranked there
with_previous as (

    select
        *,
        case
            when lag(month) over ranking_history = {{ add_months('month', -1) }}
                then lag(rank) over ranking_history
        end as previous_rank

    from ranked
    window ranking_history as (partition by establishment_id, province_code, category order by month)

),

final as (

    select
        ---------- grain
        month,
        province_code,
        province,
        category,
        establishment_id,
        establishment_name,
        ---------- score and rank
        score,
        cast(rank as integer) as rank,
        cast(previous_rank as integer) as previous_rank,
        cast(previous_rank - rank as integer) as rank_change,
        ---------- parts (0-100)
        compliance_score,
        rating_score,
        complaints_score,
        certificate_score,
        responsiveness_score,
        ---------- counts behind the parts
        violations,
        violations_weighted,
        inspections,
        inspections_weighted,
        inspection_findings,
        inspection_findings_weighted,
        reviews,
        avg_rating,
        shrunk_rating,
        complaints_upheld,
        active_listings,
        valid_certificates,
        questions,
        questions_answered,
        complaints_due,
        complaints_resolved

    from with_previous

)

select * from final
