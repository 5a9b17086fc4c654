{{ config(**wecheer_incremental_config(unique_key=['stream_hash', 'activity_on'])) }}
{#- One row per user, campaign and day with any event carrying the campaign id (plausible event
    times only): daily participants and cohort activity. Incremental by stream and day: an
    event changes only its own stream's row for its own day, so a build recomputes the
    stream-days of the events loaded since its window start, each from all the stream's events
    of that day (found on the stored stream_hash and event_at, not by reading the stream's
    whole history). -#}
{%- set start = wecheer_incremental_start(this, 'last_loaded_at') if is_incremental() else none %}
{%- set activity_on = 'cast(' ~ dbt.date_trunc('day', 'event_at') ~ ' as date)' %}

with

events as (

    select * from {{ ref('wecheer__events') }}

),

{% if is_incremental() %}
    touched_days as (

        select distinct
            stream_hash,
            {{ activity_on }} as activity_on
        from {{ ref('wecheer__events') }}
        where
            stream_hash is not null
            and is_event_at_plausible
            and {{ wecheer_is_in_load_window('loaded_at', start) }}

    ),
{% endif %}

final as (

    select
        campaign_id,
        user_id,
        {{ activity_on }} as activity_on,
        count(*) as events,
        max(loaded_at) as last_loaded_at,
        stream_hash
    from events
    where
        campaign_id is not null
        and user_id is not null
        and is_event_at_plausible
    {% if is_incremental() %}
            and (stream_hash, {{ activity_on }}) in (
                select touched_days.stream_hash, touched_days.activity_on from touched_days
            )
        {% endif %}
    group by 1, 2, 3, 6

)

select * from final
