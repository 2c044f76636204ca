-- shared_phone: one phone number (its keyed hash, normalised before hashing) on at least flag_rules.threshold
-- accounts; each of the accounts is flagged.
{{ shared_identifier_flags('shared_phone', 'phone_hash', 'số điện thoại') }}
