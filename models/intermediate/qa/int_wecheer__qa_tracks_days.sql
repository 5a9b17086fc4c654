{{
    config(**wecheer_incremental_config(
        unique_key=none,
        incremental_strategy='wecheer_window',
        incremental_predicates=[wecheer_is_in_load_window('loaded_on', wecheer_incremental_start_sql(this, 'last_loaded_at'))],
    ))
}}
-- Rows per event table, day received and load day, counted in the event table and in `tracks`:
-- what the tracks-parity check sums per table and day. Counted by load day like
-- int_wecheer__qa_event_days, so an incremental build counts only the rows loaded since its
-- window start on each side and replaces those load days (the strategy wecheer_window).
{% set tracks = wecheer_source_table('wecheer', 'tracks') %}
{% set load_time = wecheer_load_time_column() %}
{% set start = wecheer_incremental_start(this, 'last_loaded_at') if is_incremental() else none %}

with

classified_rows as (

    select * from {{ ref('int_wecheer__event_rows_classified') }}

),

-- the raw tracks rows, read like the event tables (names quoted, types read as the spec's),
-- with the same load time: the load-time column, else received_at. An incremental build reads
-- the rows loaded since its window start, filtered on each column apart (as the
-- classification does), so the filter reaches the scan of `tracks` and its statistics.
{%- set load_time_column = wecheer_quote_identifier(load_time) %}
tracks_rows as (

    select
        event as source_table,
        received_at,
        coalesce({{ load_time_column }}, received_at) as loaded_at
    from (
        {{ wecheer_select_or_empty(tracks, [
            {'name': 'event', 'type': 'string'},
            {'name': 'received_at', 'type': 'timestamp'},
        ] + ([] if load_time == 'received_at' else [{'name': load_time, 'type': 'timestamp'}])) }}
    ) as tracks
    {% if start is not none %}
        where
            {{ wecheer_is_in_load_window(load_time_column, start) }}
            and ({{ load_time_column }} is not null or {{ wecheer_is_in_load_window('received_at', start) }})
    {% endif %}

),

stacked as (

    select
        source_table,
        cast(received_at as date) as received_on,
        cast(loaded_at as date) as loaded_on,
        count(*) as event_table_rows,
        cast(0 as {{ dbt.type_bigint() }}) as tracks_rows,
        max(loaded_at) as last_loaded_at
    from classified_rows
    where
        true
    {{ wecheer_and_in_load_window('loaded_at', start) }}
    group by 1, 2, 3

    union all

    select
        source_table,
        cast(received_at as date) as received_on,
        cast(loaded_at as date) as loaded_on,
        cast(0 as {{ dbt.type_bigint() }}) as event_table_rows,
        count(*) as tracks_rows,
        max(loaded_at) as last_loaded_at
    from tracks_rows
    group by 1, 2, 3

),

final as (

    select
        source_table,
        received_on,
        loaded_on,
        cast(sum(event_table_rows) as {{ dbt.type_bigint() }}) as event_table_rows,
        cast(sum(tracks_rows) as {{ dbt.type_bigint() }}) as tracks_rows,
        max(last_loaded_at) as last_loaded_at
    from stacked
    group by 1, 2, 3

)

select * from final
