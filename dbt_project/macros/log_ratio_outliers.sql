{#- Rows whose value is more than flag_rules.threshold away from the median of their group on a log scale:
    |ln(value / median)| > threshold (ln 8: eight times more or less), robust to the skew of prices and
    quantities. Groups of fewer than min_peers rows are not trusted.
    relation: the rows, with org_id, province_code and posted_at; id_column: the object id; value: the column
    compared; group_by: the grouping columns. Called with a block: the evidence, a Vietnamese text over
    `compared.*`, where the group's `peers`, `median_value` and the row's `ratio` are columns too. -#}
{% macro log_ratio_outliers(rule_code, object_type, relation, id_column, value, group_by, min_peers) -%}
with

rule as (

    select * from {{ ref('flag_rules') }}
    where rule_code = '{{ rule_code }}'

),

valued as (

    select * from {{ relation }}
    where {{ value }} > 0

),

medians as (

    select
        {{ group_by | join(', ') }},
        count(*) as peers,
        {{ median(value) }} as median_value

    from valued
    group by {{ group_by | join(', ') }}
    having count(*) >= {{ min_peers }}

),

compared as (

    select
        valued.*,
        medians.peers,
        medians.median_value,
        valued.{{ value }} / medians.median_value as ratio

    from valued
    inner join medians
        on {{ same_group('valued', 'medians', group_by) }}

),

flagged as (

    select
        '{{ object_type }}' as object_type,
        compared.{{ id_column }} as object_id,
        rule.rule_code,
        {{ caller() }} as evidence,
        compared.org_id,
        compared.province_code,
        compared.posted_at as observed_at

    from compared
    cross join rule
    where abs(ln(compared.ratio)) > rule.threshold

)

select * from flagged
{%- endmacro %}
