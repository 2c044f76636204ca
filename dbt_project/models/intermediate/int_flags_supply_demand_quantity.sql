-- supply_demand_quantity: a supply-demand post whose quantity (in kg, or in its unit) is more than
-- flag_rules.threshold away from the median of posts of the same kind, category and unit on a log scale:
-- ln 100 means a hundred times more or less. Medians of fewer than var supply_demand_min_peers posts are not
-- trusted.
{% call log_ratio_outliers('supply_demand_quantity', 'supply_demand_post', ref('int_supply_demand_posts_normalised'),
                           'post_id', 'measure_quantity', ['kind', 'category', 'measure_unit'],
                           var('supply_demand_min_peers')) %}
        'số lượng ' || {{ number_text('compared.measure_quantity') }} || ' ' || compared.measure_unit
            || ', trung vị tin ' || compared.kind || ' nhóm ' || compared.category || ' '
            || {{ number_text('compared.median_value') }} || ' ' || compared.measure_unit
            || ' (' || cast(compared.peers as varchar) || ' tin), gấp '
            || {{ number_text('compared.ratio', 2) }} || ' lần'
{%- endcall %}
