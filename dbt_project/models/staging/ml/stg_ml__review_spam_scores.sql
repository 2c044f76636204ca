with

source as (

    select * from {{ source('ml', 'review_spam_scores') }}

),

renamed as (

    select
        ---------- ids
        review_id,
        model_version,
        ---------- numerics
        cast(spam_probability as double precision) as spam_probability,
        cast(spam_type as integer) as spam_type,
        ---------- flags
        is_spam

    from source

)

select * from renamed
