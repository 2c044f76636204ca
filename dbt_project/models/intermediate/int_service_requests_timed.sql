-- Everything that has a service level, timed against it: the first answer to a question, the resolution
-- of a complaint and each moderation decision (from the submission it decides). Due on the n-th working day
-- after the day of the request (service_levels); in time when finished before that day ends.
with

service_levels as (

    select * from {{ ref('service_levels') }}

),

calendar as (

    select * from {{ ref('int_calendar_days') }}

),

listings as (

    select * from {{ ref('stg_platform__listings') }}

),

questions as (

    select * from {{ ref('stg_platform__questions') }}

),

first_answers as (

    select
        question_id,
        min(answered_at) as answered_at

    from {{ ref('stg_platform__answers') }}
    group by question_id

),

complaints as (

    select * from {{ ref('stg_platform__complaints') }}

),

decisions as (

    select * from {{ ref('int_moderation_events_sequenced') }}
    where is_decision and submitted_at is not null

),

requests as (

    select
        'question_answer' as request_type,
        questions.question_id as request_id,
        coalesce(questions.establishment_id, listings.establishment_id) as establishment_id,
        cast(null as varchar) as org_id,
        questions.asked_at as started_at,
        first_answers.answered_at as finished_at
    from questions
    left join listings
        on questions.listing_id = listings.listing_id
    left join first_answers
        on questions.question_id = first_answers.question_id

    union all

    select
        'complaint_resolution' as request_type,
        complaints.complaint_id as request_id,
        coalesce(complaints.establishment_id, listings.establishment_id) as establishment_id,
        complaints.org_id,
        complaints.received_at as started_at,
        complaints.resolved_at as finished_at
    from complaints
    left join listings
        on complaints.listing_id = listings.listing_id

    union all

    select
        object_type as request_type,
        event_id as request_id,
        cast(null as varchar) as establishment_id,
        org_id,
        submitted_at as started_at,
        occurred_at as finished_at
    from decisions

),

due as (

    select
        requests.*,
        service_levels.working_days,
        due_day.calendar_date as due_on

    from requests
    inner join service_levels
        on requests.request_type = service_levels.object_type
    left join calendar as start_day
        on cast(requests.started_at as date) = start_day.calendar_date
    left join calendar as due_day
        on due_day.working_day_number = start_day.working_day_number + service_levels.working_days
        and due_day.is_working_day

),

timed as (

    select
        *,
        finished_at is not null
            and finished_at < cast({{ add_days('due_on', 1) }} as timestamp) as is_within_service_level

    from due

)

select * from timed
