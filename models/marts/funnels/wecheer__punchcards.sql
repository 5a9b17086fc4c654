{#- One row per punchcard, rebuilt from each user's ordered stream within a campaign that runs
    punchcards: a card starts with the user's first stamp in the campaign, and again with the
    first stamp after a completion. Three window passes over the same ordering and one GROUP BY;
    no self-join. See the doc block wecheer__punchcards for the rules. -#}

{{ config(**wecheer_incremental_config(unique_key=['user_id', 'campaign_id'])) }}
{#- Incremental by stream: a build recomputes, from their whole history, the streams with a card
    event loaded since its window start, and every stream of a campaign that has just become a
    punchcard campaign (delete+insert on user_id, campaign_id). -#}
{%- set is_stamp = wecheer_is_punchcard_stamp('event_catalog', 'events.event_name') -%}
{%- set is_journey_event = is_stamp
    ~ " or (event_catalog.punchcard_step is not null and event_catalog.punchcard_step <> 'stamp')" -%}
{%- set start = wecheer_incremental_start(this, 'last_loaded_at') if is_incremental() else none %}

with

events as (

    select * from {{ ref('wecheer__events') }}

),

-- the seed itself rather than its staging view: a unit test that gives no catalogue rows reads
-- the seed's file
event_catalog as (

    select * from {{ ref('wecheer_event_catalog') }}

),

punchcard_campaigns as (

    -- campaigns that run punchcards: they sent an event only punchcard campaigns send, so a
    -- stamp given by hand (Manual Give Stamps) counts on a card there and nowhere else (read
    -- from every event: a campaign becomes one with its first such event)
    select events.campaign_id
    from events
    inner join event_catalog
        on events.event_name = event_catalog.event_name
    where events.campaign_id is not null and event_catalog.marks_punchcard_campaign
    group by 1

),

{% if is_incremental() %}
    touched_streams as (

        {{ wecheer_touched_streams(ref('wecheer__events'), is_journey_event, start, 'event_catalog') }}
        union
        -- every stream of a campaign that has just become a punchcard campaign
        {{ wecheer_touched_streams(ref('wecheer__events'), is_journey_event, wecheer_plausible_since(), 'event_catalog') }}
            and events.campaign_id in (
                select punchcard_campaigns.campaign_id from punchcard_campaigns
                where punchcard_campaigns.campaign_id not in (select this_mart.campaign_id from {{ this }} as this_mart)
            )

    ),
{% endif %}

-- the punchcard journey's events with their step and their rank in the journey (catalogue
-- columns punchcard_step and punchcard_step_rank; the rank breaks ties between events of
-- the same second)
journey_events as (

    {{ wecheer_journey_events(
        step="case when " ~ is_stamp ~ " then 'stamp' else event_catalog.punchcard_step end",
        causal_rank='case when ' ~ is_stamp ~ ' then 0 else event_catalog.punchcard_step_rank end',
        is_journey_event=is_journey_event,
    ) }}

),

card_events as (

    select journey_events.*
    from journey_events
    inner join punchcard_campaigns
        on journey_events.campaign_id = punchcard_campaigns.campaign_id

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
