-- Approval throughput (tình hình duyệt thông tin): per day, ISO week and month, object type and
-- organisation, what was submitted and decided, the time to decision, decisions past the service level and the
-- backlog at the period end (macros/moderation_throughput.sql; approval_throughput_by_reviewer is the same per
-- reviewer).
{{ moderation_throughput(['org_id']) }}
