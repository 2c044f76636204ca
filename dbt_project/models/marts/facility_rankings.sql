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

with_previous as (

    select
        ranked.*,
        previous.rank as previous_rank

    from ranked
    left join ranked as previous
        on ranked.establishment_id = previous.establishment_id
        and ranked.province_code = previous.province_code
        and ranked.category = previous.category
        and previous.month = {{ add_months('ranked.month', -1) }}

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
