{#- One row per receipt attempt, rebuilt from each user's ordered stream within a campaign; no
    self-join. The attempts CTEs come from the macro wecheer_receipt_attempts: portable SQL (one
    window pass over the stream with running aggregates, one GROUP BY) and a DuckDB version (one
    running count of scans, one GROUP BY, the window limit and the after-acceptance rule applied
    per attempt). See the doc block wecheer__receipts for the rules. -#}

{{ config(**wecheer_incremental_config(unique_key=['user_id', 'campaign_id'])) }}
{#- Incremental by stream: a build recomputes, from their whole history, the streams with a receipt
    event loaded since its window start, and the streams with a pending attempt (the as-of time
    moves on: pending becomes abandoned); delete+insert on (user_id, campaign_id). -#}
{%- set window_hours = wecheer_receipt_window_hours() -%}
{%- set is_reward = wecheer_is_receipt_reward('event_catalog', 'events.event_name') -%}
{%- set is_journey_event = 'event_catalog.receipt_step is not null or ' ~ is_reward -%}
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

{% if is_incremental() %}
    touched_streams as (

        {{ wecheer_touched_streams(ref('wecheer__events'), is_journey_event, start, 'event_catalog') }}
        union
        select {{ wecheer_stream_hash() }} as stream_hash from {{ this }}
        where outcome = 'pending'

    ),
{% endif %}

-- the receipt journey's events, each with its step and its rank in the journey (catalogue
-- columns receipt_step and receipt_step_rank; the rank breaks ties between events of the
-- same second in causal order), and the reward events, ranked last
receipt_events as (

    {{ wecheer_journey_events(
        step="coalesce(event_catalog.receipt_step, 'reward')",
        causal_rank='coalesce(event_catalog.receipt_step_rank, 4)',
        is_journey_event=is_journey_event,
    ) }}

),

{{ wecheer_receipt_attempts(window_hours) }},

stream_loads as (

    -- the latest load time of each stream's journey events: the watermark, the same whatever
    -- engine numbered the attempts
    select
        user_id,
        campaign_id,
        max(loaded_at) as last_loaded_at
    from receipt_events
    group by 1, 2

),

as_of as (

    -- reads the relation, not the events CTE: a second reference to that CTE would make
    -- engines materialize every column of it
    select {{ wecheer_funnel_as_of() }} as as_of_at

),

with_outcome as (

    select
        attempts.*,
        case
            when attempts.failed_at is not null then 'failed'
            when attempts.fraud_at is not null then 'fraud'
            when attempts.incomplete_at is not null then 'incomplete'
            when attempts.review_limit_exceeded_at is not null then 'review_limit_exceeded'
            when attempts.rejected_at is not null then 'rejected'
            when attempts.no_reward_at is not null then 'no_reward'
            when attempts.rewarded_at is not null then 'rewarded'
            when attempts.accepted_at is not null then 'accepted'
            when attempts.triaged_at is not null then 'in_review'
            when
                {{ dbt.dateadd('hour', window_hours, 'attempts.scanned_at') }} > as_of.as_of_at
                then 'pending'
            else 'abandoned'
        end as outcome,
        stream_loads.last_loaded_at
    from attempts
    cross join as_of
    inner join stream_loads
        on
            attempts.user_id = stream_loads.user_id
            and attempts.campaign_id = stream_loads.campaign_id

),

with_outcome_at as (

    select
        *,
        case outcome
            when 'fraud' then fraud_at
            when 'failed' then failed_at
            when 'incomplete' then incomplete_at
            when 'rejected' then rejected_at
            when 'review_limit_exceeded' then review_limit_exceeded_at
            when 'rewarded' then rewarded_at
            when 'no_reward' then no_reward_at
            when 'accepted' then accepted_at
            when 'in_review' then triaged_at
        end as outcome_at
    from with_outcome

),

final as (

    select
        receipt_attempt_id,
        user_id,
        advertiser_id,
        campaign_id,
        scanned_at,
        outcome,
        outcome_at,
        {{ dbt.datediff('scanned_at', 'outcome_at', 'second') }} as seconds_to_outcome,  -- noqa: LT05
        attempt_number,
        accepted_at,
        triaged_at,
        outcome not in ('pending', 'abandoned') as is_processed,
        outcome in ('accepted', 'rewarded', 'no_reward') as is_accepted,
        outcome = 'rewarded' as is_rewarded,
        outcome = 'fraud' as is_fraud,
        last_loaded_at
    from with_outcome_at

)

select * from final
