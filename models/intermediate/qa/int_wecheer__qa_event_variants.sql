{{
    config(
        materialized=('table' if target.type == 'spark' else 'incremental'),
        unique_key='loaded_on',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
    )
}}
-- Rows per load day, catalogue event, table and spelling as sent (duplicates left out): what the
-- alias check compares, summarised so it never reads the raw rows again. Incremental by whole
-- load days, like the classification.
{% if is_incremental() %}
    {% set start = wecheer_incremental_start(this) %}
{% endif %}

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
    {% if is_incremental() %}
            and {{ wecheer_is_in_load_window('loaded_at', start) }}
        {% endif %}
    group by 1, 2, 3, 4

)

select * from final
