-- Policy documents published on the platform (văn bản chính sách): per month published, province of the
-- posting organisation ('unknown' without one) and kind of document (law, decree, circular, …).
with

organizations as (

    select * from {{ ref('stg_platform__organizations') }}

),

documents as (

    select
        documents.*,
        {{ province_code_or_unknown('organizations.province_code') }} as province_code,
        {{ month_start('documents.published_on') }} as month

    from {{ ref('stg_platform__policy_documents') }} as documents
    left join organizations
        on documents.org_id = organizations.org_id

),

provinces as (

    select * from {{ ref('int_provinces_named') }}

),

final as (

    select
        ---------- grain
        documents.month,
        documents.province_code,
        min(coalesce(provinces.province, documents.province_code)) as province,
        documents.kind,
        ---------- counts
        cast(count(*) as integer) as documents,
        cast(count(distinct documents.org_id) as integer) as organizations

    from documents
    left join provinces
        on documents.province_code = provinces.province_code
    group by documents.month, documents.province_code, documents.kind

)

select * from final
