-- Member accounts (tài khoản thành viên): per month, province and kind of account (producer, trader,
-- consumer), the registrations, the status changes (suspended, terminated, deleted, reactivated) and how many
-- accounts stood in each status at the month end, from the accounts' version history
-- (stg_platform__member_versions). Accounts count under the province and kind of their current version.
{%- set statuses = ['active', 'suspended', 'terminated', 'deleted'] %}
with

members as (

    select
        member_id,
        kind,
        {{ province_code_or_unknown('province_code') }} as province_code,
        registered_at

    from {{ ref('stg_platform__members') }}

),

versions as (

    select
        versions.*,
        members.kind as current_kind,
        members.province_code as current_province_code

    from {{ ref('stg_platform__member_versions') }} as versions
    inner join members
        on versions.member_id = members.member_id

),

-- registrations by the month registered; each version enters its status when it starts and leaves it when
-- the next version starts
movements as (

    select
        province_code,
        kind,
        {{ month_start('registered_at') }} as month,
        1 as registered,
        {% for status in statuses -%}
        0 as became_{{ status }},
        0 as {{ status }}_change{{ ',' if not loop.last }}
        {% endfor %}
    from members

    union all

    select
        current_province_code as province_code,
        current_kind as kind,
        {{ month_start('valid_from') }} as month,
        0 as registered,
        {% for status in statuses -%}
        case when is_status_change and version_number > 1 and status = '{{ status }}' then 1 else 0 end
            as became_{{ status }},
        case when status = '{{ status }}' then 1 else 0 end as {{ status }}_change{{ ',' if not loop.last }}
        {% endfor %}
    from versions

    union all

    select
        current_province_code as province_code,
        current_kind as kind,
        {{ month_start('valid_to') }} as month,
        0 as registered,
        {% for status in statuses -%}
        0 as became_{{ status }},
        case when status = '{{ status }}' then -1 else 0 end as {{ status }}_change{{ ',' if not loop.last }}
        {% endfor %}
    from versions
    where valid_to is not null

),

monthly as (

    select
        province_code,
        kind,
        month,
        sum(registered) as registered,
        {% for status in statuses -%}
        sum(became_{{ status }}) as became_{{ status }},
        sum({{ status }}_change) as {{ status }}_change{{ ',' if not loop.last }}
        {% endfor %}

    from movements
    group by province_code, kind, month

),

months as (

    select month from {{ ref('int_months_spanned') }}
    union
    select month from monthly

),

groups as (

    select
        province_code,
        kind,
        min(month) as first_month

    from monthly
    group by province_code, kind

),

running as (

    select
        groups.province_code,
        groups.kind,
        months.month,
        coalesce(monthly.registered, 0) as registered,
        {% for status in statuses -%}
        coalesce(monthly.became_{{ status }}, 0) as became_{{ status }},
        sum(coalesce(monthly.{{ status }}_change, 0)) over (
            partition by groups.province_code, groups.kind
            order by months.month
            rows between unbounded preceding and current row
        ) as {{ status }}_at_month_end{{ ',' if not loop.last }}
        {% endfor %}

    from groups
    inner join months
        on months.month >= groups.first_month
    left join monthly
        on groups.province_code = monthly.province_code
        and groups.kind = monthly.kind
        and months.month = monthly.month

),

provinces as (

    select * from {{ ref('int_provinces_named') }}

),

final as (

    select
        ---------- grain
        running.month,
        running.province_code,
        coalesce(provinces.province, running.province_code) as province,
        running.kind,
        ---------- in the month
        cast(running.registered as integer) as registered,
        cast(running.became_suspended as integer) as suspended,
        cast(running.became_terminated as integer) as terminated,
        cast(running.became_deleted as integer) as deleted,
        cast(running.became_active as integer) as reactivated,
        ---------- at the month end
        {% for status in statuses -%}
        cast(running.{{ status }}_at_month_end as integer) as {{ status }}_at_month_end{{ ',' if not loop.last }}
        {% endfor %}

    from running
    left join provinces
        on running.province_code = provinces.province_code

)

select * from final
