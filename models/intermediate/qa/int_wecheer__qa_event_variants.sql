{{ config(**wecheer_incremental_config(unique_key='loaded_on')) }}
-- Rows per load day, catalogue event, table and spelling as sent (duplicates left out): what the
-- alias check compares, summarised so it never reads the raw rows again. Incremental by whole
-- load days, like the classification.
{% set start = wecheer_incremental_start(this) if is_incremental() else none %}

with

classified_rows as (

    select * from {{ ref('int_wecheer__event_rows_classified') }}

),

final as (

    select
        loaded_on,
        event_name,
        source_table,
        coalesce(event_text, '') as event_text,
        count(*) as variant_rows,
        max(loaded_at) as loaded_at
    from classified_rows
    where
        row_status <> 'duplicate'
        and is_planned
    {{ wecheer_and_in_load_window('loaded_at', start) }}
    group by 1, 2, 3, 4

)

select * from final
