-- certificate_other_establishment: the listing backs its claim with the number of another establishment's
-- certificate of the claimed type.
{{ certificate_claim_flags('other_establishment', "'tin đăng ghi ' || certificate_label || ', giấy chứng nhận số ' || cited_certificate_number || ' thuộc cơ sở ' || cited_establishment_id") }}
