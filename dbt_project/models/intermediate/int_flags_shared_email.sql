-- shared_email: one e-mail address (its keyed hash) on at least flag_rules.threshold accounts; each of the
-- accounts is flagged.
{{ shared_identifier_flags('shared_email', 'email_hash', 'địa chỉ thư điện tử') }}
