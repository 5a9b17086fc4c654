{{ config(**wecheer_incremental_config(unique_key=['user_id', 'campaign_id'])) }}
{#- One row per user and campaign: when the user joined the campaign (their first plausible event
    carrying its id) and was last seen in it. Basis of participants, new participants and
    cohorts. Incremental by stream: the streams with an event loaded since the window start are
    recomputed from all their events. -#}
{%- set start = wecheer_incremental_start(this, 'last_loaded_at') if is_incremental() else none %}

with

events as (

    select * from {{ ref('wecheer__events') }}

),

{% if is_incremental() %}
    touched_streams as (

        {{ wecheer_touched_keys(ref('wecheer__events'), ['stream_hash'], start) }}

    ),
{% endif %}

final as (

    select
        campaign_id,
        user_id,
        min(case when is_event_at_plausible then event_at end) as joined_at,
        max(case when is_event_at_plausible then event_at end) as last_seen_at,
        count(*) as events,
        max(loaded_at) as last_loaded_at
    from events
    where
        campaign_id is not null
        and user_id is not null
    {% if is_incremental() %}
            and {{ wecheer_is_touched_stream() }}
        {% endif %}
    group by 1, 2

)

select * from final
