-- certificate_missing: the listing claims a certificate type its establishment holds none of (the evidence
-- names a valid one held by another establishment of the same owner, when there is one).
{{ certificate_claim_flags('missing', "'tin đăng ghi ' || certificate_label || ', cơ sở ' || coalesce(establishment_id, '?') || ' không có giấy chứng nhận loại này' || coalesce(' (cơ sở cùng chủ ' || sibling_establishment_id || ' có số ' || sibling_certificate_number || ')', '')") }}
