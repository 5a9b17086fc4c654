-- Every raw event-table row classified as the kept event, a duplicate of it, or quarantined.
with

event_rows as (

    select * from {{ ref('int_wecheer__event_rows') }}

),

ranked as (

    select
        *,
        case
            when quarantine_reason is null
                then row_number() over (
                    partition by message_id, quarantine_reason is null
                    order by {{ wecheer_dedup_order() }}
                )
        end as duplicate_rank
    from event_rows

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
        case
            when quarantine_reason is not null then 'quarantined'
            when duplicate_rank = 1 then 'event'
            else 'duplicate'
        end as row_status
    from ranked

)

select * from final
