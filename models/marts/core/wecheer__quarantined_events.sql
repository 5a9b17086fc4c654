{{ config(**wecheer_incremental_config(unique_key='loaded_on')) }}
{% set start = wecheer_incremental_start(this) if is_incremental() else none %}
-- Raw event-table rows that cannot be used (no id, no received_at, no usable time), kept with the reason.
with

classified_rows as (

    select * from {{ ref('int_wecheer__event_rows_classified') }}

),

final as (

    select
        source_table,
        quarantine_reason,
        message_id,
        event_name,
        category,
        is_planned,
        event_text,
        user_id,
        advertiser_id,
        campaign_id,
        original_timestamp,
        sent_at,
        received_at,
        segment_timestamp,
        uuid_ts,
        row_hash,
        unparsable_columns,
        loaded_at,
        loaded_on
    from classified_rows
    where
        row_status = 'quarantined'
        -- whole load days, as the classification rewrites them
    {{ wecheer_and_in_load_window('loaded_at', start) }}

)

select * from final
