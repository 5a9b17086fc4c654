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
        row_hash
    from classified_rows
    where row_status = 'quarantined'

)

select * from final
