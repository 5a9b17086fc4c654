{{ config(**wecheer_incremental_config(unique_key=['user_id', 'campaign_id'])) }}
{#
    Journeys out of causal order, per user and campaign, in event_at order (ties by event id):
    a punchcard completion with no stamp since the previous completion, a safe box redeemed
    more often than generated so far, a manual-verification verdict without an open request,
    a reward inside a receipt attempt whose outcome was fraud.
    Incremental by stream (recomputed whole when one of its journey events was loaded since the
    window start). Each stream also has one row without a finding (its last load time, as loaded_at), so a
    stream whose findings are gone is still replaced; wecheer__qa_findings leaves those out.
#}
{% set is_stamp = wecheer_is_punchcard_stamp('event_catalog', 'events.event_name') %}
{% set is_reward = wecheer_is_receipt_reward('event_catalog', 'events.event_name') %}
{% set is_journey_event %}
    events.event_name in {{ wecheer_sql_list(
        ['Punchcard Completed', 'Safe Box Generated', 'Safe Box Redeemed',
         'Manual Verification Requested', 'Manual Verification Approved',
         'Manual Verification Rejected', 'Scan Receipt', 'Receipt Fraud']
    ) }}
    or {{ is_stamp }}
    or {{ is_reward }}
{% endset %}
{% set start = wecheer_incremental_start(this) if is_incremental() else none %}

with

events as (

    select * from {{ ref('wecheer__events') }}

),

-- stamp and reward events: the catalogue seed's punchcard_step and is_receipt_reward
event_catalog as (

    select * from {{ ref('wecheer_event_catalog') }}

),

{% if is_incremental() %}
    touched_streams as (

        {{ wecheer_touched_streams(ref('wecheer__events'), is_journey_event, start, 'event_catalog') }}

    ),
{% endif %}

journey_events as (

    -- only the events a rule counts or judges (the others change no running count and are never
    -- a finding, so leaving them out of the window sorts changes nothing), and only the columns
    -- the rules need: the findings get the rest of their event back at the end
    select
        events.event_id,
        events.user_id,
        events.campaign_id,
        events.event_at,
        events.loaded_at,
        case when events.event_name = 'Punchcard Completed' then 1 else 0 end as is_completion,
        case when {{ is_stamp }} then 1 else 0 end as is_stamp,
        case when events.event_name = 'Safe Box Generated' then 1 else 0 end as is_generated,
        case when events.event_name = 'Safe Box Redeemed' then 1 else 0 end as is_redeemed,
        case when events.event_name = 'Manual Verification Requested' then 1 else 0 end as is_request,
        case
            when events.event_name in ('Manual Verification Approved', 'Manual Verification Rejected')
                then 1
            else 0
        end as is_verdict,
        case when events.event_name = 'Scan Receipt' then 1 else 0 end as is_scan,
        case when events.event_name = 'Receipt Fraud' then 1 else 0 end as is_fraud,
        case when {{ is_reward }} then 1 else 0 end as is_reward
    {{ wecheer_journey_events_from(is_journey_event) }}

),

running as (

    -- running counts over each stream in event order: before the event, or up to and with it
    {%- set before = 'partition by user_id, campaign_id order by event_at, event_id'
        ~ ' rows between unbounded preceding and 1 preceding' %}
    {%- set so_far = 'partition by user_id, campaign_id order by event_at, event_id'
        ~ ' rows between unbounded preceding and current row' %}
    select
        *,
        coalesce(sum(is_completion) over ({{ before }}), 0) as completions_before,
        coalesce(sum(is_generated) over ({{ before }}), 0) as generated_before,
        sum(is_redeemed) over ({{ so_far }}) as redeemed_so_far,
        coalesce(sum(is_request) over ({{ before }}), 0) as requests_before,
        sum(is_verdict) over ({{ so_far }}) as verdicts_so_far,
        sum(is_scan) over ({{ so_far }}) as attempt_number
    from journey_events

),

segmented as (

    select
        *,
        coalesce(sum(is_stamp) over (
            partition by user_id, campaign_id, completions_before order by event_at, event_id
            rows between unbounded preceding and 1 preceding
        ), 0) as stamps_on_card_before,
        coalesce(sum(is_fraud) over (
            partition by user_id, campaign_id, attempt_number order by event_at, event_id
            rows between unbounded preceding and 1 preceding
        ), 0) as frauds_in_attempt_before
    from running

),

violations as (

    select
        event_id,
        case
            when is_completion = 1 and stamps_on_card_before = 0 then 'no_stamp'
            when is_redeemed = 1 and redeemed_so_far > generated_before then 'redeemed'
            when is_verdict = 1 and verdicts_so_far > requests_before then 'verdict'
            when is_reward = 1 and attempt_number > 0 and frauds_in_attempt_before > 0
                then 'reward_after_fraud'
        end as broken_rule
    from segmented

),

findings as (

    select
        'sequence_violations' as check_name,
        {{ wecheer_qa_row_columns(prefix='events.', message_id='events.event_id') }},
        case violations.broken_rule
            when 'no_stamp' then 'punchcard completed without a stamp since the last completion'
            when 'redeemed' then 'safe box redeemed more often than generated'
            when 'verdict' then 'manual verification verdict without a request'
            else events.event_name || ' after a fraud outcome'
        end as finding,
        events.loaded_at,
        cast(events.loaded_at as date) as loaded_on
    from violations
    -- the relation, not the events CTE: a second reference to that CTE would make engines
    -- materialize every column of it
    inner join {{ ref('wecheer__events') }} as events on violations.event_id = events.event_id
    where violations.broken_rule is not null

),

streams as (

    -- one row per stream, without a finding: the stream's last load time (the watermark)
    select
        'sequence_violations' as check_name,
        {{ wecheer_qa_null_columns(['source_table', 'event_name', 'message_id']) }},
        user_id,
        cast(null as {{ dbt.type_string() }}) as advertiser_id,
        campaign_id,
        {{ wecheer_qa_null_columns(['event_at', 'received_at']) }},
        cast(0 as {{ dbt.type_bigint() }}) as failing_rows,
        cast(null as {{ dbt.type_string() }}) as finding,
        max(loaded_at) as loaded_at,
        cast(null as date) as loaded_on
    from journey_events
    group by 5, 7

),

final as (

    select * from findings
    union all
    select * from streams

)

select * from final
