-- certificate_expired: the establishment's certificates of the claimed type were all expired, revoked or not
-- yet issued on the day the listing was posted.
{{ certificate_claim_flags('expired', "'tin đăng ghi ' || certificate_label || ' ngày ' || " ~ format_date_vi('posted_at') ~ " || ', giấy chứng nhận của cơ sở không còn hiệu lực (hết hạn gần nhất ' || coalesce(" ~ format_date_vi('last_expiry') ~ ", 'không rõ') || ')'") }}
