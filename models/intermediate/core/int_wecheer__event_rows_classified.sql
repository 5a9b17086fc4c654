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
{%- set columns = [
    'source_table', 'message_id', 'event_name', 'category', 'is_planned', 'event_text', 'user_id',
    'segment_user_id', 'property_user_id', 'anonymous_id', 'advertiser_id', 'campaign_id',
    'original_timestamp', 'sent_at', 'received_at', 'segment_timestamp', 'uuid_ts', 'loaded_at',
    'event_at', 'context_library_name', 'context_library_version', 'row_hash', 'unparsable_columns',
    'is_event_at_plausible', 'is_received_at_plausible', 'quarantine_reason',
] -%}
{%- set ranking_columns = [
    'source_table', 'message_id', 'received_at', 'uuid_ts', 'loaded_at', 'row_hash', 'quarantine_reason',
] -%}
{% if is_incremental() %}
    {% set start = wecheer_incremental_start(this) %}
    {% do wecheer_check_source_unchanged(ref('stg_wecheer__event_tables'), this, start) %}
{% endif %}
with

{% if is_incremental() %}
    new_rows as (

        select
            {{ columns | join(', ') }},
            false as is_loaded
        from {{ ref('int_wecheer__event_rows') }}
        -- uuid_ts and received_at separately (not loaded_at), so the filters reach the raw
        -- tables' scans and their statistics
        where
            {{ wecheer_is_in_load_window('uuid_ts', start) }}
            and (uuid_ts is not null or {{ wecheer_is_in_load_window('received_at', start) }})

    ),

    -- Older rows of the same ids only take part in the ranking (they are not rewritten), so only
    -- the ranking columns are read. They are found by the stored 64-bit hash of their id, a
    -- narrow column, and only those rows are read whole (wecheer_rows_with_hashes).
    loaded_copies as {{ wecheer_materialized_cte() }} (

        {{ wecheer_rows_with_hashes(this, 'message_id_hash', 'select ' ~ wecheer_hash64('new_rows.message_id')
            ~ ' from new_rows where new_rows.quarantine_reason is null') }}

    ),

    loaded_rows as (

        select
            {% for column in columns %}
                {%- if column in ranking_columns %}
                    {{ column }},
                {%- elif column in ['is_planned', 'is_event_at_plausible', 'is_received_at_plausible'] %}
                    cast(null as {{ wecheer_type('boolean') }}) as {{ column }},
                {%- elif column.endswith('_at') or column.endswith('timestamp') %}
                    cast(null as {{ wecheer_type('timestamp') }}) as {{ column }},
                {%- else %}
                    cast(null as {{ wecheer_type('string') }}) as {{ column }},
                {%- endif %}
            {% endfor %}
            true as is_loaded
        from loaded_copies
        where
            quarantine_reason is null
            and not {{ wecheer_is_in_load_window('loaded_at', start) }}
            and message_id in (
                select new_rows.message_id from new_rows
                where new_rows.quarantine_reason is null
            )

    ),

    candidates as (

        select * from new_rows
        union all
        select * from loaded_rows

    ),
{% endif %}

{#- Only message ids with more than one usable row need a window; ranking just those keeps the
    wide sort off the ~98% of rows that are alone. The ids that repeat are found by a 64-bit hash
    of the id first (grouping 100M integers takes a fraction of the memory of grouping 100M id
    strings); a hash shared by two ids only sends a few more rows through the exact ranking.
    A full build reads the event rows (a view) in each part instead of one CTE, so no engine
    materializes every wide row once more. -#}
{%- set rows = 'candidates' if is_incremental() else ref('int_wecheer__event_rows') %}
{%- set is_loaded = 'is_loaded' if is_incremental() else 'false as is_loaded' %}
repeated_hashes as (

    select {{ wecheer_hash64('message_id') }} as id_hash
    from {{ rows }}
    where quarantine_reason is null
    group by 1
    having count(*) > 1

),

ranked as (

    select
        {{ columns | join(', ') }},
        {{ is_loaded }},
        row_number() over (
            partition by message_id
            order by {{ wecheer_dedup_order() }}
        ) as duplicate_rank
    from {{ rows }}
    where
        quarantine_reason is null
        and {{ wecheer_hash64('message_id') }} in (select repeated_hashes.id_hash from repeated_hashes)

    union all

    select
        {{ columns | join(', ') }},
        {{ is_loaded }},
        case when quarantine_reason is null then 1 end as duplicate_rank
    from {{ rows }}
    where
        quarantine_reason is not null
        or {{ wecheer_hash64('message_id') }} not in (select repeated_hashes.id_hash from repeated_hashes)

),

final as (

    select
        {{ columns | join(',\n        ') }},
        {{ wecheer_hash64('message_id') }} as message_id_hash,
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
