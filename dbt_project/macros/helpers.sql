{#- Project helpers used by several models. -#}


{#- Keep the latest version of each record of an append-only raw table: newest updated_at, then the most
    recently loaded, then the last line of the file (a file may carry a record twice). A record the platform
    deleted after that version was loaded (raw.extract_deletions, written by the incremental extract) is left
    out. -#}
{% macro latest_version(relation, id_column, record_type) -%}
    select *
    from (
        select
            *,
            row_number() over (
                partition by {{ id_column }}
                order by updated_at desc, _loaded_at desc, _line desc, _batch_id desc
            ) as _version_rank
        from {{ relation }}
    ) as versions
    where _version_rank = 1
        -- deleted on the platform (ingest/extract.py saw it gone) after its latest version was loaded
        and not exists (
            select 1
            from {{ source('raw', 'extract_deletions') }} as deletions
            where deletions.record_type = '{{ record_type }}'
                and deletions.record_id = versions.{{ id_column }}
                and deletions.detected_at >= versions._loaded_at
        )
{%- endmacro %}


{#- Every delivered version of each record once (the same id and updated_at delivered again counts once). -#}
{% macro distinct_versions(relation, id_column) -%}
    select *
    from (
        select
            *,
            row_number() over (
                partition by {{ id_column }}, updated_at
                order by _loaded_at desc, _line desc, _batch_id desc
            ) as _version_rank
        from {{ relation }}
    ) as versions
    where _version_rank = 1
{%- endmacro %}


{#- The integers 0 .. 10^digits - 1 as a subquery with one column n (a portable generate_series). -#}
{% macro integers(digits) -%}
    select
        {% for i in range(digits) -%}
        d{{ i }}.n * {{ 10 ** i }}{{ ' +' if not loop.last }}
        {% endfor -%} as n
    from
        {% for i in range(digits) -%}
        (select 0 as n union all select 1 union all select 2 union all select 3 union all select 4
         union all select 5 union all select 6 union all select 7 union all select 8 union all select 9) as d{{ i }}
        {{- ',' if not loop.last }}
        {% endfor %}
{%- endmacro %}


{#- Province of a resolved address, or the project's 'unknown' province when it did not resolve. -#}
{% macro province_code_or_unknown(expr) -%}
    coalesce({{ expr }}, '{{ var("unknown_province_code") }}')
{%- endmacro %}

{% macro province_name_or_unknown(expr) -%}
    coalesce({{ expr }}, '{{ var("unknown_province_name") }}')
{%- endmacro %}


{#- The moment of this run in Vietnam time (Asia/Ho_Chi_Minh), as a timestamp without time zone like every
    platform time in the warehouse (the loader keeps local times): var flag_run_at when set (tests replay runs
    on given days), else when dbt started (the same value in every model of the run). -#}
{% macro run_timestamp() -%}
    {%- if var('flag_run_at', '') -%}
    cast('{{ var("flag_run_at") }}' as timestamp)
    {%- else -%}
    cast('{{ run_started_at.astimezone(modules.pytz.timezone("Asia/Ho_Chi_Minh")).strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp)
    {%- endif -%}
{%- endmacro %}


{#- Measures in kg for mass units, else in the record's own unit: the seed unit_kg, joined as `unit_kg` on the
    unit, gives each mass unit's kg. measured_unit: 'kg' or the unit; per_measured_unit: a price per kg or per
    unit; in_measured_unit: a quantity in kg or in units. Zero, negative or unit-less values give null. -#}
{% macro measured_unit(unit) -%}
    case when unit_kg.unit is not null then 'kg' else {{ unit }} end
{%- endmacro %}

{% macro per_measured_unit(price, unit) -%}
    case
        when {{ price }} > 0 and {{ unit }} is not null
            then cast({{ price }} as double precision) / coalesce(unit_kg.kg, 1)
    end
{%- endmacro %}

{% macro in_measured_unit(quantity, unit) -%}
    case
        when {{ quantity }} > 0 and {{ unit }} is not null
            then cast({{ quantity }} as double precision) * coalesce(unit_kg.kg, 1)
    end
{%- endmacro %}
