-- shared_phone: one phone number (its keyed hash) on at least flag_rules.threshold accounts; each of the
-- accounts is flagged.
with

rule as (

    select * from {{ ref('flag_rules') }}
    where rule_code = 'shared_phone'

),

members as (

    select * from {{ ref('stg_platform__members') }}
    where phone_hash is not null

),

shared as (

    select
        members.phone_hash,
        count(*) as accounts

    from members
    cross join rule
    group by members.phone_hash, rule.threshold
    having count(*) >= rule.threshold

),

flagged as (

    select
        'member' as object_type,
        members.member_id as object_id,
        rule.rule_code,
        'cùng số điện thoại với ' || cast(shared.accounts - 1 as varchar) || ' tài khoản khác' as evidence,
        cast(null as varchar) as org_id,
        {{ province_code_or_unknown('members.province_code') }} as province_code,
        members.registered_at as observed_at

    from members
    inner join shared
        on members.phone_hash = shared.phone_hash
    cross join rule

)

select * from flagged
