-- The responsiveness part of the ranking: of the questions to the establishment and the complaints about it
-- that fell due in the last var('ranking_activity_window_months') months, the share answered or resolved
-- within the service level (int_service_requests_timed). 100 when nothing fell due.
with

grid as (

    select * from {{ ref('int_establishment_months_approved') }}

),

monthly as (

    select
        establishment_id,
        {{ month_start('due_on') }} as month,
        sum(case when request_type = 'question_answer' then 1 else 0 end) as questions,
        sum(case when request_type = 'question_answer' and is_within_service_level then 1 else 0 end)
            as questions_answered,
        sum(case when request_type = 'complaint_resolution' then 1 else 0 end) as complaints_due,
        sum(case when request_type = 'complaint_resolution' and is_within_service_level then 1 else 0 end)
            as complaints_resolved

    from {{ ref('int_service_requests_timed') }}
    where
        request_type in ('question_answer', 'complaint_resolution')
        and establishment_id is not null
        and due_on is not null
    group by 1, 2

),

running as (

    select
        grid.establishment_id,
        grid.month,
        {% for measure in ['questions', 'questions_answered', 'complaints_due', 'complaints_resolved'] -%}
        sum(coalesce(monthly.{{ measure }}, 0)) over (
            partition by grid.establishment_id order by grid.month
            rows between {{ var('ranking_activity_window_months') - 1 }} preceding and current row
        ) as {{ measure }}{{ ',' if not loop.last }}
        {% endfor %}

    from grid
    left join monthly
        on grid.establishment_id = monthly.establishment_id
        and grid.month = monthly.month

),

final as (

    select
        establishment_id,
        month,
        cast(questions as integer) as questions,
        cast(questions_answered as integer) as questions_answered,
        cast(complaints_due as integer) as complaints_due,
        cast(complaints_resolved as integer) as complaints_resolved,
        {{ to_decimal(
            "case when questions + complaints_due = 0 then 100"
            ~ " else 100.0 * (questions_answered + complaints_resolved) / (questions + complaints_due) end", 6, 2
        ) }} as responsiveness_score

    from running

)

select * from final
