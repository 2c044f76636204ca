-- Establishment history (lưu trữ thông tin đăng ký): a type-2 dimension, one row per version of each
-- establishment with the interval it was current, [valid_from, valid_to). The registration details and the
-- status on any past moment D are those of the row with valid_from <= D and (valid_to is null or D < valid_to);
-- changed_details names the registration details a version changed (cập nhật thông tin thay đổi).
-- Built from every delivered version (stg_platform__establishment_versions), not from dbt snapshots: raw is
-- append-only and keeps every version with its updated_at, so the history is exact even when several versions
-- arrive in one delivery (snapshots/_snapshots.yml says what the snapshots add).
with

versions as (

    select * from {{ ref('stg_platform__establishment_versions') }}

),

organizations as (

    select * from {{ ref('stg_platform__organizations') }}

),

{%- set registration_details = ['establishment_name', 'kind', 'tax_code', 'main_category', 'address', 'org_id',
                                'owner_member_id'] %}

-- the registration details of the previous version, to name what a new version changed
with_previous as (

    select
        versions.*,
        {% for column in registration_details -%}
        lag({{ column }}) over (partition by establishment_id order by version_number) as previous_{{ column }}
            {{- ',' if not loop.last }}
        {% endfor %}

    from versions

),

changes as (

    select
        *,
        case
            when version_number > 1 then nullif(concat_ws(', ',
                {% for column in registration_details -%}
                case when {{ column }} is distinct from previous_{{ column }} then '{{ column }}' end
                    {{- ',' if not loop.last }}
                {% endfor %}
            ), '')
        end as changed_details

    from with_previous

),

final as (

    select
        ---------- the version
        versions.establishment_id,
        cast(versions.version_number as integer) as version_number,
        versions.valid_from,
        versions.valid_to,
        versions.is_current,
        ---------- status
        versions.status,
        versions.previous_status,
        versions.is_status_change,
        versions.approved_at,
        ---------- what the version changed
        versions.changed_details,
        versions.changed_details is not null as is_registration_change,
        ---------- registration details
        versions.establishment_name,
        versions.kind,
        versions.tax_code,
        versions.main_category,
        versions.address,
        {{ province_code_or_unknown('versions.province_code') }} as province_code,
        {{ province_name_or_unknown('versions.province') }} as province,
        versions.ward_code,
        versions.ward,
        versions.owner_member_id,
        versions.org_id,
        organizations.org_name,
        versions.registered_at,
        versions.updated_at,
        ---------- lineage
        versions._batch_id,
        versions._source_file,
        versions._line

    from changes as versions
    left join organizations
        on versions.org_id = organizations.org_id

)

select * from final
