-- listing_burst: an account registered at most var listing_burst_new_account_days before it posts at least
-- flag_rules.threshold listings within var listing_burst_window_hours; the account is flagged once, with its
-- busiest window.
with

rule as (

    select * from {{ ref('flag_rules') }}
    where rule_code = 'listing_burst'

),

listings as (

    select * from {{ ref('stg_platform__listings') }}

),

members as (

    select * from {{ ref('stg_platform__members') }}

),

-- each listing of a new account opens a window; the same account's listings that fall inside it
windows as (

    select
        opening.member_id,
        opening.listing_id as window_id,
        opening.posted_at as window_start,
        inside.listing_id

    from listings as opening
    inner join members
        on opening.member_id = members.member_id
        and opening.posted_at < {{ dbt.dateadd('day', var('listing_burst_new_account_days'), 'members.registered_at') }}
    inner join listings as inside
        on opening.member_id = inside.member_id
        and inside.posted_at >= opening.posted_at
        and inside.posted_at < {{ dbt.dateadd('hour', var('listing_burst_window_hours'), 'opening.posted_at') }}

),

bursts as (

    select
        windows.member_id,
        windows.window_id,
        windows.window_start,
        count(distinct windows.listing_id) as listings,
        row_number() over (
            partition by windows.member_id
            order by count(distinct windows.listing_id) desc, windows.window_start, windows.window_id
        ) as burst_rank

    from windows
    cross join rule
    group by windows.member_id, windows.window_id, windows.window_start, rule.threshold
    having count(distinct windows.listing_id) >= rule.threshold

),

flagged as (

    select
        'member' as object_type,
        bursts.member_id as object_id,
        rule.rule_code,
        'tài khoản đăng ký ngày ' || {{ format_date_vi('members.registered_at') }} || ', đăng '
            || cast(bursts.listings as varchar) || ' tin trong {{ var("listing_burst_window_hours") }} giờ từ '
            || {{ format_date_vi('bursts.window_start') }} as evidence,
        cast(null as varchar) as org_id,
        {{ province_code_or_unknown('members.province_code') }} as province_code,
        members.registered_at as observed_at

    from bursts
    inner join members
        on bursts.member_id = members.member_id
    cross join rule
    where bursts.burst_rank = 1

)

select * from flagged
