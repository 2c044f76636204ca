-- price_outlier: a listing whose price per kg (or per unit) is more than flag_rules.threshold away from the
-- median of its category and unit on a log scale: |ln(price / median)| > ln 8 means eight times dearer or
-- cheaper. Medians of fewer than var price_outlier_min_peers listings are not trusted.
{% call log_ratio_outliers('price_outlier', 'listing', ref('int_listings_normalised'), 'listing_id', 'unit_price',
                           ['category', 'price_unit'], var('price_outlier_min_peers')) %}
        'giá ' || {{ number_text('compared.unit_price') }} || ' đ/' || compared.price_unit
            || ', trung vị nhóm ' || compared.category || ' ' || {{ number_text('compared.median_value') }}
            || ' đ/' || compared.price_unit || ' (' || cast(compared.peers as varchar) || ' tin), gấp '
            || {{ number_text('compared.ratio', 2) }} || ' lần'
{%- endcall %}
