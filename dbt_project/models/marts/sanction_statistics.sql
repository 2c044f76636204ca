-- Account sanctions (xử lý tài khoản vi phạm): per month decided, province of the account's address, kind
-- (warning, suspension, termination, deletion) and reason (fraud, false information, impersonation, …): how many
-- sanctions, on how many accounts.
with

members as (

    select * from {{ ref('stg_platform__members') }}

),

sanctions as (

    select
        sanctions.*,
        {{ province_code_or_unknown('members.province_code') }} as province_code,
        {{ month_start('sanctions.decided_at') }} as month

    from {{ ref('stg_platform__account_sanctions') }} as sanctions
    left join members
        on sanctions.member_id = members.member_id

),

provinces as (

    select * from {{ ref('int_provinces_named') }}

),

final as (

    select
        ---------- grain
        sanctions.month,
        sanctions.province_code,
        min(coalesce(provinces.province, sanctions.province_code)) as province,
        sanctions.kind,
        sanctions.reason,
        ---------- counts
        cast(count(*) as integer) as sanctions,
        cast(count(distinct sanctions.member_id) as integer) as accounts

    from sanctions
    left join provinces
        on sanctions.province_code = provinces.province_code
    group by sanctions.month, sanctions.province_code, sanctions.kind, sanctions.reason

)

select * from final
