-- The compliance part of the ranking: every violation (severity_weights) and inspection result
-- (inspection_result_weights) up to the month end takes points from 100, each halved for every half-life
-- of age (ranking_weights.half_life_days of the compliance part).
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

final as (

    select
        grid.establishment_id,
        grid.month,
        coalesce(violation_points.violations, 0) as violations,
        {{ to_decimal("coalesce(violation_points.violations_weighted, 0)", 12, 2) }} as violations_weighted,
        coalesce(inspection_points.inspections, 0) as inspections,
        {{ to_decimal("coalesce(inspection_points.inspections_weighted, 0)", 12, 2) }} as inspections_weighted,
        {{ to_decimal(
            "greatest(0, 100 - coalesce(violation_points.violations_weighted, 0)"
            ~ " - coalesce(inspection_points.inspections_weighted, 0))", 6, 2
        ) }} as compliance_score

    from grid
    left join violation_points
        on grid.establishment_id = violation_points.establishment_id
        and grid.month = violation_points.month
    left join inspection_points
        on grid.establishment_id = inspection_points.establishment_id
        and grid.month = inspection_points.month

)

select * from final
