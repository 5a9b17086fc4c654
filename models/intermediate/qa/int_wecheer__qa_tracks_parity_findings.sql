{{ config(materialized='table') }}
-- Per event table and day received: rows in the event table versus rows in `tracks` for that
-- event, summed over the load days of int_wecheer__qa_tracks_days (rows without received_at
-- are compared too: their day is null on both sides).

with

tracks_days as (

    select * from {{ ref('int_wecheer__qa_tracks_days') }}

),

compared as (

    select
        source_table,
        received_on,
        sum(event_table_rows) as event_table_rows,
        sum(tracks_rows) as tracks_rows
    from tracks_days
    group by 1, 2

),

final as (

    select
        'tracks_parity' as check_name,
        source_table,
        {{ wecheer_qa_null_columns([
            'event_name', 'message_id', 'user_id', 'advertiser_id', 'campaign_id', 'event_at',
        ]) }},
        cast(received_on as {{ dbt.type_timestamp() }}) as received_at,
        cast(abs(event_table_rows - tracks_rows) as {{ dbt.type_bigint() }}) as failing_rows,
        coalesce(source_table, '(no event name)') || ' on '
        || coalesce(cast(received_on as {{ dbt.type_string() }}), '(no received_at)') || ': '
        || cast(event_table_rows as {{ dbt.type_string() }}) || ' rows, tracks has '
        || cast(tracks_rows as {{ dbt.type_string() }}) as finding,
        {{ wecheer_qa_null_columns(['loaded_at', 'loaded_on']) }}
    from compared
    where event_table_rows <> tracks_rows

)

select * from final
