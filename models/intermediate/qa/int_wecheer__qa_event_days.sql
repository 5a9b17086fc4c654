{{ config(**wecheer_incremental_config(unique_key=['event_name', 'event_on'])) }}
-- Kept events per event name and UTC day (plausible event times only): what the volume check
-- compares. Incremental: the (event, day) pairs of events loaded since the window start are
-- recounted.
{% set start = wecheer_incremental_start(this, 'last_loaded_at') if is_incremental() else none %}

with

events as (

    select * from {{ ref('wecheer__events') }}

),

{% if is_incremental() %}
    touched_days as (

        select distinct
            event_name,
            cast(event_at as date) as event_on
        from events
        where is_event_at_plausible and {{ wecheer_is_in_load_window('loaded_at', start) }}

    ),
{% endif %}

final as (

    select
        event_name,
        cast(event_at as date) as event_on,
        count(*) as events,
        max(loaded_at) as last_loaded_at,
        max(case when {{ wecheer_is_plausible('received_at', 'uuid_ts') }} then received_at end)
            as last_received_at
    from events
    where
        is_event_at_plausible
    {% if is_incremental() %}
            and (event_name, cast(event_at as date)) in (
                select touched_days.event_name, touched_days.event_on from touched_days
            )
        {% endif %}
    group by 1, 2

)

select * from final
