{{ config(**wecheer_incremental_config(unique_key='campaign_id')) }}
{#- Per campaign: participants, receipt attempts by outcome and punchcards started and completed,
    the same columns as the generator's truth table campaign_summary. Incremental by campaign: a
    build recounts the campaigns with participants, attempts or cards loaded since its window
    start, and those with pending attempts (the as-of time moves on). -#}

{%- set outcomes = [
    'rewarded', 'no_reward', 'failed', 'fraud', 'incomplete', 'rejected', 'review_limit_exceeded',
    'in_review', 'accepted', 'abandoned', 'pending',
] -%}

{%- set start = wecheer_incremental_start(this, 'last_loaded_at') if is_incremental() else none %}

with

{% if is_incremental() %}
    touched_campaigns as (

        {{ wecheer_touched_campaigns([
            ref('int_wecheer__campaign_participants'), ref('wecheer__receipts'), ref('wecheer__punchcards'),
        ], start) }}
        union
        select campaign_id from {{ this }}
        where outcome_pending > 0

    ),
{% endif %}

participants as (

    select * from {{ ref('int_wecheer__campaign_participants') }}
    {{ wecheer_where_touched('campaign_id', 'touched_campaigns', start) }}

),

receipts as (

    select * from {{ ref('wecheer__receipts') }}
    {{ wecheer_where_touched('campaign_id', 'touched_campaigns', start) }}

),

punchcards as (

    select * from {{ ref('wecheer__punchcards') }}
    {{ wecheer_where_touched('campaign_id', 'touched_campaigns', start) }}

),

campaign_advertisers as (

    select * from {{ ref('int_wecheer__campaign_advertisers') }}

),

participant_counts as (

    select
        campaign_id,
        count(*) as participants,
        max(last_loaded_at) as last_loaded_at
    from participants
    group by 1

),

receipt_counts as (

    select
        campaign_id,
        count(*) as receipt_attempts,
        max(last_loaded_at) as last_loaded_at,
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
        count(case when is_completed then 1 end) as punchcards_completed,
        max(last_loaded_at) as last_loaded_at
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
        coalesce(punchcard_counts.punchcards_completed, 0) as punchcards_completed,
        {{ wecheer_greatest_timestamp([
            'participant_counts.last_loaded_at', 'receipt_counts.last_loaded_at', 'punchcard_counts.last_loaded_at',
        ]) }} as last_loaded_at
    from participant_counts
    left join campaign_advertisers
        on participant_counts.campaign_id = campaign_advertisers.campaign_id
    left join receipt_counts
        on participant_counts.campaign_id = receipt_counts.campaign_id
    left join punchcard_counts
        on participant_counts.campaign_id = punchcard_counts.campaign_id

)

select * from final
