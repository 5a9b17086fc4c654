{#- Per campaign: participants, receipt attempts by outcome and punchcards started and completed,
    the same columns as the generator's truth table campaign_summary. -#}

{%- set outcomes = [
    'rewarded', 'no_reward', 'failed', 'fraud', 'incomplete', 'rejected', 'review_limit_exceeded',
    'in_review', 'accepted', 'abandoned', 'pending',
] -%}

with

participants as (

    select * from {{ ref('int_wecheer__campaign_participants') }}

),

receipts as (

    select * from {{ ref('wecheer__receipts') }}

),

punchcards as (

    select * from {{ ref('wecheer__punchcards') }}

),

campaign_advertisers as (

    select * from {{ ref('int_wecheer__campaign_advertisers') }}

),

participant_counts as (

    select
        campaign_id,
        count(*) as participants
    from participants
    group by 1

),

receipt_counts as (

    select
        campaign_id,
        count(*) as receipt_attempts,
        {% for outcome in outcomes %}
        count(case when outcome = '{{ outcome }}' then 1 end) as outcome_{{ outcome }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from receipts
    group by 1

),

punchcard_counts as (

    select
        campaign_id,
        count(*) as punchcards_started,
        count(case when is_completed then 1 end) as punchcards_completed
    from punchcards
    group by 1

),

final as (

    select
        participant_counts.campaign_id,
        campaign_advertisers.advertiser_id,
        participant_counts.participants,
        coalesce(receipt_counts.receipt_attempts, 0) as receipt_attempts,
        {% for outcome in outcomes %}
        coalesce(receipt_counts.outcome_{{ outcome }}, 0) as outcome_{{ outcome }},
        {% endfor %}
        coalesce(punchcard_counts.punchcards_started, 0) as punchcards_started,
        coalesce(punchcard_counts.punchcards_completed, 0) as punchcards_completed
    from participant_counts
    left join campaign_advertisers
        on participant_counts.campaign_id = campaign_advertisers.campaign_id
    left join receipt_counts
        on participant_counts.campaign_id = receipt_counts.campaign_id
    left join punchcard_counts
        on participant_counts.campaign_id = punchcard_counts.campaign_id

)

select * from final
