-- duplicate_listing: a listing that repeats an image (same content hash) or the same normalised title and
-- text of a listing another owner posted before it, when at least flag_rules.threshold owners post that
-- content; or whose title and text are nearly those of an earlier listing of another owner: the Jaccard
-- similarity of their sets of word 3-shingles (three consecutive folded words of one sentence) is at least var
-- duplicate_listing_min_similarity, so that a word changed or sentences swapped still match. The first poster is
-- taken for the original and not flagged.
--
-- Comparing every pair of listings would not scale (seven thousand listings are 25 million pairs), so pairs
-- are first found by a prefix filter, which is exact: order every listing's shingles the same way, from the
-- rarest, and keep its first size - ceil(t * size) + 1. Two sets whose Jaccard similarity is at least t share at
-- least t * size of each one's shingles, so each has at most size - ceil(t * size) shingles the other lacks, and
-- the first shingle they share lies in both prefixes. Shingles shared by many listings (the phrases every seller
-- writes) come last, and so rarely make a pair.
{#- Of two listings with the same or nearly the same content, the first posted (then the lower id) is the original:
    `theirs` is another owner's listing posted before `mine`. -#}
{%- set theirs_is_the_original -%}
    mine.owner_member_id <> theirs.owner_member_id
        and (
            theirs.posted_at < mine.posted_at
            or (theirs.posted_at = mine.posted_at and theirs.listing_id < mine.listing_id)
        )
{%- endset %}
with

rule as (

    select * from {{ ref('flag_rules') }}
    where rule_code = 'duplicate_listing'

),

listings as (

    select * from {{ ref('int_listings_normalised') }}

),

positions as (

    {{ integers(2) }}

),

image_keys as (

    select
        listings.listing_id,
        listings.owner_member_id,
        listings.posted_at,
        'ảnh ' || trim(split_part(listings.image_hashes, ';', positions.n)) as content_key

    from listings
    inner join positions
        on positions.n between 1 and length(listings.image_hashes) - length(replace(listings.image_hashes, ';', '')) + 1
    where
        listings.image_hashes is not null
        and trim(split_part(listings.image_hashes, ';', positions.n)) <> ''

),

text_keys as (

    select
        listing_id,
        owner_member_id,
        posted_at,
        'nội dung' || padded_text as content_key

    from listings
    where length(trim(padded_text)) >= {{ var('duplicate_listing_min_text_length') }}

),

content_keys as (

    select * from image_keys
    union
    select * from text_keys

),

word_positions as (

    {{ integers(3) }}

),

-- the title and the text as folded words, each sentence (the title is one) ended by a word '.': shingles do
-- not run across sentences, so that sentences moved around leave them as they were
texts as (

    select
        listing_id,
        owner_member_id,
        posted_at,
        words,
        length(words) - length(replace(words, ' ', '')) + 1 as word_count

    from (
        select
            listing_id,
            owner_member_id,
            posted_at,
            trim(regexp_replace(regexp_replace(
                {{ fold_vietnamese("coalesce(title, '') || '. ' || coalesce(body, '') || '.'") }},
                '[.!?;]+(\s|$)', ' . ', 'g'), '[^a-z0-9.]+', ' ', 'g')) as words

        from listings
        where length(trim(padded_text)) >= {{ var('duplicate_listing_min_text_length') }}
    ) as folded

),

shingles as (

    select distinct
        listing_id,
        owner_member_id,
        posted_at,
        shingle

    from (
        select
            texts.listing_id,
            texts.owner_member_id,
            texts.posted_at,
            split_part(texts.words, ' ', word_positions.n) || ' '
                || split_part(texts.words, ' ', word_positions.n + 1) || ' '
                || split_part(texts.words, ' ', word_positions.n + 2) as shingle

        from texts
        inner join word_positions
            on word_positions.n between 1 and texts.word_count - 2
    ) as all_shingles
    where shingle not like '%.%'

),

shingle_counts as (

    select
        shingle,
        count(*) as listings

    from shingles
    group by shingle

),

shingles_ranked as (

    select
        shingles.listing_id,
        shingles.owner_member_id,
        shingles.posted_at,
        shingles.shingle,
        count(*) over (partition by shingles.listing_id) as shingle_total,
        row_number() over (
            partition by shingles.listing_id order by shingle_counts.listings, shingles.shingle
        ) as rarity_rank

    from shingles
    inner join shingle_counts
        on shingles.shingle = shingle_counts.shingle

),

prefixes as (

    select *

    from shingles_ranked
    where rarity_rank <= shingle_total - ceil({{ var('duplicate_listing_min_similarity') }} * shingle_total) + 1

),

-- pairs of an earlier listing (theirs) and a later one of another owner (mine) whose prefixes meet, and whose
-- sizes allow the similarity (a set t times smaller cannot reach t). Positional filter: every shingle both share
-- up to the last one met in the prefixes lies in both prefixes (the order is the same for all listings), so the
-- shingles shared are at most those met plus what follows the last one in the shorter remainder; a pair that
-- cannot reach the overlap t / (1 + t) * (size + other size) is dropped before its shingles are compared.
candidate_pairs as (

    select
        mine.listing_id,
        mine.shingle_total,
        theirs.listing_id as other_listing_id,
        theirs.owner_member_id as other_owner_member_id,
        theirs.shingle_total as other_shingle_total

    from prefixes as mine
    inner join prefixes as theirs
        on mine.shingle = theirs.shingle
        and {{ theirs_is_the_original }}
        and theirs.shingle_total >= {{ var('duplicate_listing_min_similarity') }} * mine.shingle_total
        and mine.shingle_total >= {{ var('duplicate_listing_min_similarity') }} * theirs.shingle_total
    group by
        mine.listing_id,
        mine.shingle_total,
        theirs.listing_id,
        theirs.owner_member_id,
        theirs.shingle_total
    having
        count(*) + least(mine.shingle_total - max(mine.rarity_rank), theirs.shingle_total - max(theirs.rarity_rank))
        >= ceil({{ var('duplicate_listing_min_similarity') }} / (1 + {{ var('duplicate_listing_min_similarity') }})
                * (mine.shingle_total + theirs.shingle_total))

),

similar_pairs as (

    select
        candidate_pairs.listing_id,
        candidate_pairs.other_listing_id,
        candidate_pairs.other_owner_member_id,
        cast(count(*) as double precision)
            / (candidate_pairs.shingle_total + candidate_pairs.other_shingle_total - count(*)) as similarity

    from candidate_pairs
    inner join shingles as mine
        on candidate_pairs.listing_id = mine.listing_id
    inner join shingles as theirs
        on candidate_pairs.other_listing_id = theirs.listing_id
        and mine.shingle = theirs.shingle
    group by
        candidate_pairs.listing_id,
        candidate_pairs.shingle_total,
        candidate_pairs.other_listing_id,
        candidate_pairs.other_owner_member_id,
        candidate_pairs.other_shingle_total
    having
        cast(count(*) as double precision)
            / (candidate_pairs.shingle_total + candidate_pairs.other_shingle_total - count(*))
        >= {{ var('duplicate_listing_min_similarity') }}

),

-- the most similar earlier listing of each near copy, for the evidence
nearest as (

    select
        listing_id,
        other_listing_id,
        similarity,
        row_number() over (partition by listing_id order by similarity desc, other_listing_id) as nearness_rank

    from similar_pairs

),

shared_keys as (

    select content_key

    from content_keys
    cross join rule
    group by content_key, rule.threshold
    having count(distinct owner_member_id) >= rule.threshold

),

matches as (

    select
        mine.listing_id,
        case when mine.content_key like 'ảnh %' then 'ảnh' else 'nội dung' end as matched_on,
        theirs.listing_id as other_listing_id,
        theirs.owner_member_id as other_owner_member_id

    from content_keys as mine
    inner join shared_keys
        on mine.content_key = shared_keys.content_key
    inner join content_keys as theirs
        on mine.content_key = theirs.content_key
        and {{ theirs_is_the_original }}

),

summarised as (

    select
        listing_id,
        min(matched_on) as matched_on,
        count(distinct other_listing_id) as other_listings,
        count(distinct other_owner_member_id) as other_owners,
        min(other_listing_id) as example_listing_id

    from matches
    group by listing_id

),

-- a listing the same as others is told by its exact matches; one only nearly the same, by its nearest
evidenced as (

    select
        listing_id,
        'trùng ' || matched_on || ' với ' || cast(other_listings as varchar) || ' tin đăng trước của '
            || cast(other_owners as varchar) || ' chủ sở hữu khác, ví dụ ' || example_listing_id as evidence

    from summarised

    union all

    select
        nearest.listing_id,
        'nội dung gần giống tin đăng ' || nearest.other_listing_id || ' của chủ sở hữu khác (độ tương đồng '
            || {{ number_text('nearest.similarity', 2) }} || ')' as evidence

    from nearest
    where
        nearest.nearness_rank = 1
        and nearest.listing_id not in (select listing_id from summarised)

),

flagged as (

    select
        'listing' as object_type,
        evidenced.listing_id as object_id,
        rule.rule_code,
        evidenced.evidence,
        listings.org_id,
        listings.province_code,
        listings.posted_at as observed_at

    from evidenced
    inner join listings
        on evidenced.listing_id = listings.listing_id
    cross join rule

)

select * from flagged
