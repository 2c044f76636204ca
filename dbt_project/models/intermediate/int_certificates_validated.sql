-- The certificate part of the ranking: the points (certificate_points) of each certificate type the
-- establishment holds valid on the month end (issued, not expired, not revoked), OCOP by its best star
-- count, at most 100.
with

-- only the ranked months: this part needs no running total over earlier months
grid as (

    select * from {{ ref('int_establishment_months_approved') }}
    where is_approved

),

certificate_points as (

    select * from {{ ref('certificate_points') }}

),

certificates as (

    select * from {{ ref('stg_platform__certificates') }}
    where not is_revoked

),

valid_types as (

    select
        grid.establishment_id,
        grid.month,
        certificates.certificate_type,
        max(
            case
                when certificates.certificate_type = 'ocop'
                    then certificate_points.points * coalesce(certificates.ocop_stars, 3)
                else certificate_points.points
            end
        ) as points

    from grid
    inner join certificates
        on grid.establishment_id = certificates.establishment_id
        and certificates.issued_on <= grid.month_end
        and (certificates.expires_on is null or certificates.expires_on >= grid.month_end)
    inner join certificate_points
        on certificates.certificate_type = certificate_points.certificate_type
    group by grid.establishment_id, grid.month, certificates.certificate_type

),

summed as (

    select
        establishment_id,
        month,
        sum(case when points > 0 then 1 else 0 end) as valid_certificates,
        sum(points) as certificate_points

    from valid_types
    group by establishment_id, month

),

final as (

    select
        grid.establishment_id,
        grid.month,
        cast(coalesce(summed.valid_certificates, 0) as integer) as valid_certificates,
        {{ to_decimal("least(100, coalesce(summed.certificate_points, 0))", 6, 2) }} as certificate_score

    from grid
    left join summed
        on grid.establishment_id = summed.establishment_id
        and grid.month = summed.month

)

select * from final
