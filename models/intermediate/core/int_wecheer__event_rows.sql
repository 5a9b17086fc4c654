-- Every raw event-table row (before dedup) with its canonical event name, category and quarantine reason.
with

event_tables as (

    select * from {{ ref('stg_wecheer__event_tables') }}

),

-- two imports of the aliases, one per join: a CTE used twice is materialized by DuckDB, which
-- stops the incremental received_at filter of wecheer__events from reaching the raw tables
aliases_by_table as (

    select * from {{ ref('int_wecheer__event_aliases') }}

),

aliases_by_text as (

    select * from {{ ref('int_wecheer__event_aliases') }}

),

with_canonical_names as (

    select
        event_tables.*,
        coalesce(by_table.event_name, by_text.event_name) as catalog_event_name,
        coalesce(by_table.category, by_text.category) as catalog_category
    from event_tables
    left join aliases_by_table as by_table
        on lower(event_tables.source_table) = by_table.alias_key
    left join aliases_by_text as by_text
        on lower(event_tables.event_text) = by_text.alias_key

),

final as (

    select
        source_table,
        message_id,
        coalesce(
            catalog_event_name,
            {{ wecheer_split_camel_case('event_text') }},
            event_table_name,
            source_table
        ) as event_name,
        coalesce(catalog_category, 'unplanned') as category,
        catalog_event_name is not null as is_planned,
        event_text,
        coalesce(user_id, property_user_id) as user_id,
        user_id as segment_user_id,
        property_user_id,
        anonymous_id,
        advertiser_id,
        campaign_id,
        original_timestamp,
        sent_at,
        received_at,
        segment_timestamp,
        uuid_ts,
        loaded_at,
        event_at,
        context_library_name,
        context_library_version,
        row_hash,
        unparsable_columns,
        {{ wecheer_is_plausible('event_at', 'uuid_ts') }} as is_event_at_plausible,
        {{ wecheer_is_plausible('received_at', 'uuid_ts') }} as is_received_at_plausible,
        case
            when message_id is null then 'missing_message_id'
            when received_at is null and unparsable_columns like '%received_at%'
                then 'unparsable_received_at'
            when received_at is null then 'missing_received_at'
            when event_at is null and unparsable_columns is not null then 'unparsable_timestamp'
            when event_at is null then 'missing_timestamp'
        end as quarantine_reason
    from with_canonical_names

)

select * from final
