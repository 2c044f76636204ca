-- Member accounts (tài khoản thành viên): per month, province and kind of account (producer, trader,
-- consumer), the registrations, the status changes (suspended, terminated, deleted, reactivated) and how many
-- accounts stood in each status at the month end, from the accounts' version history
-- (stg_platform__member_versions). Accounts count under the province and kind of their current version.
{%- set statuses = ['active', 'suspended', 'terminated', 'deleted'] %}
{%- set group_by = ['province_code', 'kind'] %}
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

grid as (

    {{ month_grid('monthly', group_by) }}

),

running as (

    select
        grid.*,
        coalesce(monthly.registered, 0) as registered,
        {% for status in statuses -%}
        coalesce(monthly.became_{{ status }}, 0) as became_{{ status }},
        {{ running_sum('coalesce(monthly.' ~ status ~ '_change, 0)', group_by) }}
            as {{ status }}_at_month_end{{ ',' if not loop.last }}
        {% endfor %}

    from grid
    left join monthly
        on {{ same_group('grid', 'monthly', group_by + ['month']) }}

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
