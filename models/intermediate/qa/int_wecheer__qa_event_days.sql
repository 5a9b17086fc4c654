{{
    config(**wecheer_incremental_config(
        unique_key=none,
        incremental_strategy='wecheer_window',
        incremental_predicates=[wecheer_is_in_load_window('loaded_on', wecheer_incremental_start_sql(this, 'last_loaded_at'))],
    ))
}}
-- Kept events per event name, UTC day (plausible event times only) and load day: what the
-- volume check sums per event and day. Counted by load day, so an incremental build counts only
-- the events loaded since its window start and replaces those load days (the strategy
-- wecheer_window): the counts of earlier loads never change, and no day is recounted from the
-- whole history when a late event arrives for it.
{% set start = wecheer_incremental_start(this, 'last_loaded_at') if is_incremental() else none %}

with

events as (

    select * from {{ ref('wecheer__events') }}

),

final as (

    select
        event_name,
        cast(event_at as date) as event_on,
        cast(loaded_at as date) as loaded_on,
        count(*) as events,
        max(loaded_at) as last_loaded_at,
        max(case when {{ wecheer_is_plausible('received_at', 'uuid_ts') }} then received_at end)
            as last_received_at
    from events
    where
        is_event_at_plausible
    {{ wecheer_and_in_load_window('loaded_at', start) }}
    group by 1, 2, 3

)

select * from final
