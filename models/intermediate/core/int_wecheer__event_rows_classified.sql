{{
    config(
        materialized='incremental',
        unique_key='loaded_on',
        incremental_strategy=('insert_overwrite' if target.type == 'spark' else 'delete+insert'),
        partition_by=(['loaded_on'] if target.type == 'spark' else none),
        on_schema_change='fail',
    )
}}
{#
    Every raw event-table row, classified by the dedup: the kept row of its message id, a
    duplicate, or quarantined. Incremental by whole load days: a build re-reads every row
    loaded since the start of the day of the latest load time here, minus
    wecheer_lookback_days (and the few rows with no or an implausible load time), ranks them
    together with the older rows of the same message ids and replaces those days
    (delete+insert on loaded_on). Older rows were loaded earlier, so they rank first and keep
    their classification: the ranks equal a full refresh. On Spark (no delete+insert without
    Delta) the same whole days are replaced by insert_overwrite of the loaded_on partitions.
    Before reading, the build checks that the source still holds what was loaded.
#}
-- depends_on: {{ ref('stg_wecheer__event_tables') }}
{% do wecheer_lookback_days() %}{# refuses a bad value on every build, not only incremental ones #}
{% if is_incremental() %}
    {% set start = wecheer_incremental_start(this) %}
    {% do wecheer_check_source_unchanged(ref('stg_wecheer__event_tables'), this, start) %}
{% endif %}
with

event_rows as (

    select * from {{ ref('int_wecheer__event_rows') }}

),

new_rows as (

    select
        *,
        false as is_loaded
    from event_rows
    {% if is_incremental() %}
        -- uuid_ts and received_at separately (not loaded_at), so the filters reach the raw
        -- tables' scans and their statistics
        where
            {{ wecheer_is_in_load_window('uuid_ts', start) }}
            and (uuid_ts is not null or {{ wecheer_is_in_load_window('received_at', start) }})
    {% endif %}

),

{% if is_incremental() %}
    -- Older rows of the same ids only take part in the ranking (they are not rewritten), so only
    -- the ranking columns are read.
    loaded_rows as (

        select
            source_table,
            message_id,
            {% for column in ['event_name', 'category', 'event_text', 'user_id', 'segment_user_id',
                              'property_user_id', 'anonymous_id', 'advertiser_id', 'campaign_id'] %}
            cast(null as {{ wecheer_type('string') }}) as {{ column }},
            {% endfor %}
            cast(null as {{ wecheer_type('boolean') }}) as is_planned,
            {% for column in ['original_timestamp', 'sent_at'] %}
            cast(null as {{ wecheer_type('timestamp') }}) as {{ column }},
            {% endfor %}
            received_at,
            cast(null as {{ wecheer_type('timestamp') }}) as segment_timestamp,
            uuid_ts,
            loaded_at,
            cast(null as {{ wecheer_type('timestamp') }}) as event_at,
            cast(null as {{ wecheer_type('string') }}) as context_library_name,
            cast(null as {{ wecheer_type('string') }}) as context_library_version,
            row_hash,
            cast(null as {{ wecheer_type('string') }}) as unparsable_columns,
            cast(null as {{ wecheer_type('boolean') }}) as is_event_at_plausible,
            cast(null as {{ wecheer_type('boolean') }}) as is_received_at_plausible,
            quarantine_reason,
            true as is_loaded
        from {{ this }}
        where
            quarantine_reason is null
            and not {{ wecheer_is_in_load_window('loaded_at', start) }}
            and message_id in (
                select new_rows.message_id from new_rows
                where new_rows.quarantine_reason is null
            )

    ),
{% endif %}

candidates as (

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
        loaded_at,
        event_at,
        context_library_name,
        context_library_version,
        row_hash,
        unparsable_columns,
        is_event_at_plausible,
        is_received_at_plausible,
        quarantine_reason,
        is_loaded
    from new_rows
    {% if is_incremental() %}
        union all
        select
            source_table, message_id, event_name, category, is_planned, event_text, user_id,
            segment_user_id, property_user_id, anonymous_id, advertiser_id, campaign_id,
            original_timestamp, sent_at, received_at, segment_timestamp, uuid_ts, loaded_at,
            event_at, context_library_name, context_library_version, row_hash, unparsable_columns,
            is_event_at_plausible, is_received_at_plausible, quarantine_reason, is_loaded
        from loaded_rows
    {% endif %}

),

-- Only message ids with more than one usable row need a window; ranking just those keeps the
-- wide sort off the ~98% of rows that are alone.
repeated_ids as (

    select message_id
    from candidates
    where quarantine_reason is null
    group by 1
    having count(*) > 1

),

ranked as (

    select
        *,
        row_number() over (
            partition by message_id
            order by {{ wecheer_dedup_order() }}
        ) as duplicate_rank
    from candidates
    where
        quarantine_reason is null
        and message_id in (select repeated_ids.message_id from repeated_ids)

    union all

    select
        *,
        case when quarantine_reason is null then 1 end as duplicate_rank
    from candidates
    where
        quarantine_reason is not null
        or message_id not in (select repeated_ids.message_id from repeated_ids)

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
        loaded_at,
        event_at,
        context_library_name,
        context_library_version,
        row_hash,
        unparsable_columns,
        is_event_at_plausible,
        is_received_at_plausible,
        quarantine_reason,
        duplicate_rank,
        case
            when quarantine_reason is not null then 'quarantined'
            when duplicate_rank = 1 then 'event'
            else 'duplicate'
        end as row_status,
        coalesce(cast(loaded_at as date), cast('1900-01-01' as date)) as loaded_on
    from ranked
    where not is_loaded

)

select * from final
