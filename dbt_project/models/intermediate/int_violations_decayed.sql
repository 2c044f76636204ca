-- The compliance part of the ranking: every violation (severity_weights), inspection result
-- (inspection_result_weights) and inspection finding up to the month end takes points from 100, each halved for
-- every half-life of age (ranking_weights.half_life_days of the compliance part). A finding is an inspected
-- area (hygiene, structure, confidence in management) whose score falls in a band of inspection_score_severities:
-- it weighs like a violation of that severity.
with

-- only the ranked months: this part needs no running total over earlier months
grid as (

    select * from {{ ref('int_establishment_months_approved') }}
    where is_approved

),

half_life as (

    select cast(half_life_days as double precision) as half_life_days
    from {{ ref('ranking_weights') }}
    where part = 'compliance'

),

violations as (

    select
        violations.establishment_id,
        violations.detected_on,
        severity_weights.weight

    from {{ ref('stg_platform__violations') }} as violations
    inner join {{ ref('severity_weights') }} as severity_weights
        on violations.severity = severity_weights.severity

),

inspections as (

    select
        inspections.establishment_id,
        inspections.inspected_on,
        inspection_result_weights.weight

    from {{ ref('stg_platform__inspections') }} as inspections
    inner join {{ ref('inspection_result_weights') }} as inspection_result_weights
        on inspections.result = inspection_result_weights.result

),

-- the inspected areas' scores, one row per inspection and area with a score
area_scores as (

    {% for area in ['hygiene', 'structural', 'management'] -%}
    select
        establishment_id,
        inspected_on,
        {{ area }}_score as score
    from {{ ref('stg_platform__inspections') }}
    where {{ area }}_score is not null
    {{ 'union all' if not loop.last }}
    {% endfor %}

),

score_bands as (

    select
        score_from,
        lead(score_from) over (order by score_from) as score_to,
        severity

    from {{ ref('inspection_score_severities') }}

),

findings as (

    select
        area_scores.establishment_id,
        area_scores.inspected_on,
        severity_weights.weight

    from area_scores
    inner join score_bands
        on area_scores.score >= score_bands.score_from
        and (score_bands.score_to is null or area_scores.score < score_bands.score_to)
    inner join {{ ref('severity_weights') }} as severity_weights
        on score_bands.severity = severity_weights.severity

),

violation_points as (

    select
        grid.establishment_id,
        grid.month,
        count(*) as violations,
        sum(
            violations.weight
            * power(0.5, cast({{ days_between('violations.detected_on', 'grid.month_end') }} as double precision)
                         / half_life.half_life_days)
        ) as violations_weighted

    from grid
    inner join violations
        on grid.establishment_id = violations.establishment_id
        and violations.detected_on <= grid.month_end
    cross join half_life
    group by grid.establishment_id, grid.month

),

inspection_points as (

    select
        grid.establishment_id,
        grid.month,
        count(*) as inspections,
        sum(
            inspections.weight
            * power(0.5, cast({{ days_between('inspections.inspected_on', 'grid.month_end') }} as double precision)
                         / half_life.half_life_days)
        ) as inspections_weighted

    from grid
    inner join inspections
        on grid.establishment_id = inspections.establishment_id
        and inspections.inspected_on <= grid.month_end
    cross join half_life
    group by grid.establishment_id, grid.month

),

finding_points as (

    select
        grid.establishment_id,
        grid.month,
        count(*) as inspection_findings,
        sum(
            findings.weight
            * power(0.5, cast({{ days_between('findings.inspected_on', 'grid.month_end') }} as double precision)
                         / half_life.half_life_days)
        ) as inspection_findings_weighted

    from grid
    inner join findings
        on grid.establishment_id = findings.establishment_id
        and findings.inspected_on <= grid.month_end
    cross join half_life
    group by grid.establishment_id, grid.month

),

final as (

    select
        grid.establishment_id,
        grid.month,
        coalesce(violation_points.violations, 0) as violations,
        {{ to_decimal("coalesce(violation_points.violations_weighted, 0)", 10, 2) }} as violations_weighted,
        coalesce(inspection_points.inspections, 0) as inspections,
        {{ to_decimal("coalesce(inspection_points.inspections_weighted, 0)", 10, 2) }} as inspections_weighted,
        coalesce(finding_points.inspection_findings, 0) as inspection_findings,
        {{ to_decimal("coalesce(finding_points.inspection_findings_weighted, 0)", 10, 2) }}
            as inspection_findings_weighted,
        {{ to_decimal(
            "greatest(0, 100 - coalesce(violation_points.violations_weighted, 0)"
            ~ " - coalesce(inspection_points.inspections_weighted, 0)"
            ~ " - coalesce(finding_points.inspection_findings_weighted, 0))", 6, 2
        ) }} as compliance_score

    from grid
    left join violation_points
        on grid.establishment_id = violation_points.establishment_id
        and grid.month = violation_points.month
    left join inspection_points
        on grid.establishment_id = inspection_points.establishment_id
        and grid.month = inspection_points.month
    left join finding_points
        on grid.establishment_id = finding_points.establishment_id
        and grid.month = finding_points.month

)

select * from final
