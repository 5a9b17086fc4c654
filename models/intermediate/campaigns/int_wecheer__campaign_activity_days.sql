{{ config(**wecheer_incremental_config(unique_key=['user_id', 'campaign_id'])) }}
{#- One row per user, campaign and day with any event carrying the campaign id (plausible event
    times only): daily participants and cohort activity. Incremental by stream, like
    int_wecheer__campaign_participants. -#}
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
        cast({{ dbt.date_trunc('day', 'event_at') }} as date) as activity_on,
        count(*) as events,
        max(loaded_at) as last_loaded_at
    from events
    where
        campaign_id is not null
        and user_id is not null
        and is_event_at_plausible
    {% if is_incremental() %}
            and {{ wecheer_is_touched_stream() }}
        {% endif %}
    group by 1, 2, 3

)

select * from final
