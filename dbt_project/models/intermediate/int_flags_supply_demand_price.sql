-- supply_demand_price: a supply-demand post whose price per kg (or per unit) is more than flag_rules.threshold
-- away from the median of posts of the same category and unit on a log scale (ln 8: eight times dearer or
-- cheaper), supply and demand together (one market). Medians of fewer than var supply_demand_min_peers priced
-- posts are not trusted.
{% call log_ratio_outliers('supply_demand_price', 'supply_demand_post', ref('int_supply_demand_posts_normalised'),
                           'post_id', 'measure_price', ['category', 'measure_unit'],
                           var('supply_demand_min_peers')) %}
        'giá ' || {{ number_text('compared.measure_price') }} || ' đ/' || compared.measure_unit
            || ', trung vị nhóm ' || compared.category || ' ' || {{ number_text('compared.median_value') }}
            || ' đ/' || compared.measure_unit || ' (' || cast(compared.peers as varchar) || ' tin), gấp '
            || {{ number_text('compared.ratio', 2) }} || ' lần'
{%- endcall %}
