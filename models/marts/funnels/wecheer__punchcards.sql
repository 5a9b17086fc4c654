{#- One row per punchcard, rebuilt from each user's ordered stream within a campaign: a card
    starts with the user's first stamp in the campaign, and again with the first stamp after a
    completion. Three window passes over the same ordering and one GROUP BY; no self-join.
    See the doc block wecheer__punchcards for the rules. -#}

{{
    config(
        materialized=('table' if target.type == 'spark' else 'incremental'),
        unique_key=['user_id', 'campaign_id'],
        incremental_strategy='delete+insert',
        on_schema_change='fail',
    )
}}
{#- Incremental by stream: a build recomputes, from their whole history, the streams with a card
    event loaded since its window start (delete+insert on user_id, campaign_id). -#}
{%- set stamp_events = wecheer_punchcard_stamp_events() -%}
{%- set card_event_names = stamp_events + [
    'Punchcard Step Completed',
    'Punchcard Completed',
    'Punchcard Already Completed',
    'Reward Received',
    'Validate Reward',
] -%}
{%- if is_incremental() -%}
    {%- set start = wecheer_incremental_start(this, 'last_loaded_at') -%}
{%- endif %}

with

events as (

    select * from {{ ref('wecheer__events') }}

),

{% if is_incremental() %}
    touched_streams as (

        {{ wecheer_touched_streams('events', card_event_names, start) }}

    ),
{% endif %}

card_events as (

    select
        event_id,
        user_id,
        advertiser_id,
        campaign_id,
        event_at,
        loaded_at,
        case
            when event_name in {{ wecheer_sql_list(stamp_events) }} then 'stamp'
            when event_name = 'Punchcard Step Completed' then 'step_completed'
            when event_name = 'Punchcard Completed' then 'completed'
            when event_name = 'Punchcard Already Completed' then 'already_completed'
            when event_name = 'Reward Received' then 'rewarded'
            else 'redeemed'
        end as step,
        -- rank in the card's journey: breaks ties between events of the same second
        case
            when event_name in {{ wecheer_sql_list(stamp_events) }} then 0
            when event_name = 'Punchcard Step Completed' then 1
            when event_name = 'Punchcard Completed' then 2
            when event_name = 'Reward Received' then 3
            when event_name = 'Validate Reward' then 4
            else 5
        end as causal_rank
    from events
    where
        user_id is not null
        and campaign_id is not null
        and event_name in {{ wecheer_sql_list(card_event_names) }}
    {% if is_incremental() %}
            and {{ wecheer_is_touched_stream() }}
        {% endif %}

),

counted as (

    -- completions so far (this row included) in the user's campaign stream
    select
        *,
        count(case when step = 'completed' then 1 end) over (
            partition by user_id, campaign_id
            order by event_at, causal_rank, event_id
        ) as completions_so_far
    from card_events

),

flagged as (

    -- a stamp starts a card when it is the first stamp, or a completion came since the
    -- previous stamp (completions_so_far only grows, so the max over earlier stamps is its
    -- value at the previous stamp)
    select
        *,
        case
            when step <> 'stamp' then 0
            when max(case when step = 'stamp' then completions_so_far end) over (
                partition by user_id, campaign_id
                order by event_at, causal_rank, event_id
                rows between unbounded preceding and 1 preceding
            ) is null then 1
            when completions_so_far > max(case when step = 'stamp' then completions_so_far end) over (
                partition by user_id, campaign_id
                order by event_at, causal_rank, event_id
                rows between unbounded preceding and 1 preceding
            ) then 1
            else 0
        end as is_card_start
    from counted

),

numbered as (

    -- card_number: cards started so far; completions_at_card_start tells events after this
    -- card's completion (rewards, redemptions) from those before it
    select
        *,
        count(case when is_card_start = 1 then 1 end) over stream as card_number,
        max(case when is_card_start = 1 then completions_so_far end) over stream
            as completions_at_card_start
    from flagged
    window stream as (
        partition by user_id, campaign_id
        order by event_at, causal_rank, event_id
    )

),

cards as (

    -- events before the user's first stamp in the campaign belong to no card
    select
        user_id,
        campaign_id,
        card_number,
        max(case when is_card_start = 1 then advertiser_id end) as advertiser_id,
        min(case when is_card_start = 1 then event_at end) as started_at,
        count(case when step = 'stamp' then 1 end) as stamps_events,
        count(case when step = 'step_completed' then 1 end) as steps_completed,
        min(case when step = 'completed' then event_at end) as completed_at,
        count(case when step = 'completed' then 1 end) as completion_events,
        count(case when step = 'already_completed' then 1 end) as repeat_completion_events,
        min(
            case
                when step = 'rewarded' and completions_so_far > completions_at_card_start
                    then event_at
            end
        ) as rewarded_at,
        min(
            case
                when step = 'redeemed' and completions_so_far > completions_at_card_start
                    then event_at
            end
        ) as redeemed_at,
        max(loaded_at) as last_loaded_at
    from numbered
    where card_number > 0
    group by 1, 2, 3

),

final as (

    select
        {{ dbt.concat(['user_id', "'-'", 'campaign_id', "'-'", dbt.cast('card_number', dbt.type_string())]) }}
            as punchcard_id,
        user_id,
        advertiser_id,
        campaign_id,
        card_number,
        started_at,
        stamps_events,
        steps_completed,
        completed_at is not null as is_completed,
        completed_at,
        rewarded_at,
        redeemed_at,
        {{ wecheer_ratio(dbt.datediff('started_at', 'completed_at', 'second'), 86400) }}
            as days_to_complete,
        completion_events,
        repeat_completion_events,
        last_loaded_at
    from cards

)

select * from final
