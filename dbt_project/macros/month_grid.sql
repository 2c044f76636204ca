{#- Statistics by month and group where something stays open across months (complaints, incidents, account
    statuses). month_grid: one row per group and month, every month from the group's first month in `monthly`
    on (the months int_months_spanned spans, and any month of `monthly`), so that what is still open shows in
    quiet months too; the mart left-joins its monthly figures to it on same_group(..., group_by + ['month']).
    running_sum: a total over the group's months up to and including the grid row's month. -#}
{% macro month_grid(monthly, group_by) -%}
    select
        {% for column in group_by -%}
        groups.{{ column }},
        {% endfor -%}
        months.month

    from (
        select {{ group_by | join(', ') }}, min(month) as first_month
        from {{ monthly }}
        group by {{ group_by | join(', ') }}
    ) as groups
    inner join (
        select month from {{ ref('int_months_spanned') }}
        union
        select month from {{ monthly }}
    ) as months
        on months.month >= groups.first_month
{%- endmacro %}


{% macro running_sum(expr, group_by, grid='grid') -%}
    sum({{ expr }}) over (
            partition by {% for column in group_by %}{{ grid }}.{{ column }}{{ ', ' if not loop.last }}{% endfor %}
            order by {{ grid }}.month
            rows between unbounded preceding and current row
        )
{%- endmacro %}


{#- left.c = right.c for each of the columns, joined by and. -#}
{% macro same_group(left, right, columns) -%}
    {% for column in columns -%}
    {{ left }}.{{ column }} = {{ right }}.{{ column }}{% if not loop.last %}
        and {% endif %}
    {%- endfor %}
{%- endmacro %}
