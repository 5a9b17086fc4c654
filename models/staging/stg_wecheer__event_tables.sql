-- Every row of every raw event table (discovered at run time), unioned column-aware, renamed and cast.
with

base as (

    {{ wecheer_union_relations(wecheer_event_relations(), wecheer_event_table_columns()) }}

),

renamed as (

    select
        source_table,
        nullif(id, '') as message_id,
        nullif(user_id, '') as user_id,
        nullif(_user_id, '') as property_user_id,
        nullif(anonymous_id, '') as anonymous_id,
        nullif(advertiser_id, '') as advertiser_id,
        nullif(campaign_id, '') as campaign_id,
        event as event_table_name,
        event_text,
        original_timestamp,
        sent_at,
        received_at,
        {{ wecheer_quote_identifier('timestamp') }} as segment_timestamp,
        {{ wecheer_quote_identifier(wecheer_load_time_column()) }} as uuid_ts,
        context_library_name,
        context_library_version,
        unparsable_columns
    from base

),

final as (

    select
        *,
        -- when the warehouse loaded the row: its load-time column, else (a source without
        -- one) its arrival; incremental builds follow it
        coalesce(uuid_ts, received_at) as loaded_at,
        coalesce(
            segment_timestamp,
            {{ wecheer_skew_corrected_timestamp('received_at', 'sent_at', 'original_timestamp') }}
        ) as event_at,
        {{ wecheer_row_hash([
            'source_table', 'message_id', 'user_id', 'property_user_id', 'anonymous_id',
            'advertiser_id', 'campaign_id', 'event_table_name', 'event_text',
            'original_timestamp', 'sent_at', 'received_at', 'segment_timestamp', 'uuid_ts',
            'context_library_name', 'context_library_version',
        ]) }} as row_hash
    from renamed

)

select * from final
