-- Flag rule precision: per rule and month of decision, how many flagged items reviewers confirmed, dismissed
-- or escalated, and the precision confirmed / decided (decided = confirmed + dismissed; an escalation is not a
-- decision yet). Each item counts once, by its latest decision, in that decision's month: a dismissal a
-- reviewer later overturned is not a dismissal any more. A decision on an item counts for each rule of the
-- item (flagged_items.rule_codes).
with

decisions as (

    select * from {{ ref('int_flag_decisions') }}
    where decision_rank = 1

),

queue as (

    select * from {{ ref('flagged_items') }}

),

positions as (

    {{ integers(2) }}

),

item_rules as (

    select
        queue.object_type,
        queue.object_id,
        split_part(queue.rule_codes, ';', positions.n) as rule_code

    from queue
    inner join positions
        on positions.n between 1 and length(queue.rule_codes) - length(replace(queue.rule_codes, ';', '')) + 1

),

counted as (

    select
        item_rules.rule_code,
        {{ month_start('decisions.decided_at') }} as month,
        sum(case when decisions.decision = 'confirmed' then 1 else 0 end) as confirmed,
        sum(case when decisions.decision = 'dismissed' then 1 else 0 end) as dismissed,
        sum(case when decisions.decision = 'escalated' then 1 else 0 end) as escalated

    from decisions
    inner join item_rules
        on decisions.object_type = item_rules.object_type
        and decisions.object_id = item_rules.object_id
    group by item_rules.rule_code, {{ month_start('decisions.decided_at') }}

),

final as (

    select
        rule_code,
        month,
        cast(confirmed as integer) as confirmed,
        cast(dismissed as integer) as dismissed,
        cast(escalated as integer) as escalated,
        cast(confirmed + dismissed as integer) as decided,
        case
            when confirmed + dismissed > 0
                then {{ to_decimal('cast(confirmed as double precision) / (confirmed + dismissed)', 5, 4) }}
        end as precision

    from counted

)

select * from final
