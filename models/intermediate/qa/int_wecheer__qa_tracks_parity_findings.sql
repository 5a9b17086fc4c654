{{ config(materialized='table') }}
-- Per event table and day received: rows in the event table versus rows in `tracks` for that event.
{% set tracks = wecheer_source_table('wecheer', 'tracks') %}

with

classified_rows as (

    select * from {{ ref('int_wecheer__event_rows_classified') }}

),

event_table_days as (

    select
        source_table,
        cast(received_at as date) as received_on,
        count(*) as event_table_rows
    from classified_rows
    group by 1, 2

),

tracks_days as (

    {% if tracks is none %}
    select
        cast(null as {{ dbt.type_string() }}) as source_table,
        cast(null as date) as received_on,
        cast(0 as {{ dbt.type_bigint() }}) as tracks_rows
    where 1 = 0
    {% else %}
        select
            cast({{ wecheer_quote_identifier('event') }} as {{ dbt.type_string() }}) as source_table,
            cast(received_at as date) as received_on,
            count(*) as tracks_rows
        from {{ wecheer_render_relation(tracks) }}
        group by 1, 2
    {% endif %}

),

compared as (

    select
        coalesce(event_table_days.source_table, tracks_days.source_table) as source_table,
        coalesce(event_table_days.received_on, tracks_days.received_on) as received_on,
        coalesce(event_table_days.event_table_rows, 0) as event_table_rows,
        coalesce(tracks_days.tracks_rows, 0) as tracks_rows
    from event_table_days
    full outer join tracks_days
        on
            event_table_days.source_table = tracks_days.source_table
            -- rows without received_at are compared too (their day is null on both sides)
            and (
                event_table_days.received_on = tracks_days.received_on
                or (event_table_days.received_on is null and tracks_days.received_on is null)
            )

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
