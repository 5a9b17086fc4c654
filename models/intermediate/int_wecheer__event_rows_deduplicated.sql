-- Every raw event-table row classified as kept event, duplicate or quarantined (a view of the classification).
with

classified_rows as (

    select * from {{ ref('int_wecheer__event_rows_classified') }}

),

final as (

    select
        source_table,
        message_id,
        event_name,
        category,
        is_planned,
        event_text,
        user_id,
        segment_user_id,
        property_user_id,
        anonymous_id,
        advertiser_id,
        campaign_id,
        original_timestamp,
        sent_at,
        received_at,
        segment_timestamp,
        uuid_ts,
        event_at,
        context_library_name,
        context_library_version,
        row_hash,
        quarantine_reason,
        duplicate_rank,
        row_status
    from classified_rows

)

select * from final
