-- Duplicate message ids: every copy beyond the one dedup keeps, within and across event tables.
with

duplicates as (

    select * from {{ ref('wecheer__event_duplicates') }}

),

final as (

    select
        'duplicate_message_ids' as check_name,
        source_table,
        event_name,
        event_id as message_id,
        user_id,
        advertiser_id,
        campaign_id,
        event_at,
        received_at,
        cast(1 as {{ dbt.type_bigint() }}) as failing_rows,
        'copy ' || cast(duplicate_rank as {{ dbt.type_string() }}) || ' of message ' || event_id
            as finding
    from duplicates

)

select * from final
