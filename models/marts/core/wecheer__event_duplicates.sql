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
        row_hash
    from classified_rows
    where row_status = 'duplicate'

)

select * from final
