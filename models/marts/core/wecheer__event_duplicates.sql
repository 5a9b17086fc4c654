{{ config(**wecheer_incremental_config(unique_key='loaded_on')) }}
{% set start = wecheer_incremental_start(this) if is_incremental() else none %}
-- Raw event-table rows that repeat a message id already kept in wecheer__events.
with

classified_rows as (

    select * from {{ ref('int_wecheer__event_rows_classified') }}

),

final as (

    select
        source_table,
        message_id as event_id,
        duplicate_rank,
        event_name,
        category,
        is_planned,
        event_text,
        user_id,
        advertiser_id,
        campaign_id,
        event_at,
        received_at,
        uuid_ts,
        row_hash,
        loaded_at,
        loaded_on,
        {{ wecheer_run_started_at() }} as built_at
    from classified_rows
    where
        row_status = 'duplicate'
        -- whole load days, as the classification rewrites them
    {{ wecheer_and_in_load_window('loaded_at', start) }}

)

select * from final
