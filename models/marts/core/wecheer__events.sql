{{
    config(**wecheer_incremental_config(
        unique_key=none,
        incremental_strategy='wecheer_window',
        incremental_predicates=[wecheer_is_in_load_window('loaded_at', wecheer_incremental_start_sql(this))],
    ))
}}
{#
    One row per unique message id: the rows int_wecheer__event_rows_classified keeps. That model
    does the dedup, incrementally by load day; this one copies the kept rows of the load days it
    rebuilt (from the start of the day of the latest load time here, minus
    wecheer_lookback_days, never later than where the classification started) and replaces
    every row loaded since that same start (the strategy wecheer_window, with the window as
    incremental_predicates): a kept row is never displaced by a row loaded later, so the rows
    loaded before the start never change. On Spark it is a table, rebuilt from the
    classification each run (docs/decisions.md).
#}
{% do wecheer_lookback_days() %}{# refuses a bad value on every build, not only incremental ones #}
{% set start = wecheer_incremental_start(this) if is_incremental() else none %}
with

classified_rows as (

    select * from {{ ref('int_wecheer__event_rows_classified') }}

),

final as (

    select
        message_id as event_id,
        event_name,
        category,
        is_planned,
        user_id,
        advertiser_id,
        campaign_id,
        event_at,
        received_at,
        source_table,
        event_text,
        anonymous_id,
        original_timestamp,
        sent_at,
        uuid_ts,
        context_library_name,
        context_library_version,
        row_hash,
        loaded_at,
        is_event_at_plausible,
        message_id_hash as event_id_hash,
        {{ wecheer_stream_hash() }} as stream_hash,
        {{ wecheer_run_started_at() }} as built_at
    from classified_rows
    where
        row_status = 'event'
    {{ wecheer_and_in_load_window('loaded_at', start) }}

)

select * from final
