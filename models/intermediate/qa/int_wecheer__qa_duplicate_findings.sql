{{ config(**wecheer_incremental_config(unique_key='loaded_on')) }}
-- Duplicate message ids: every copy beyond the one dedup keeps, within and across event tables.
-- Incremental by whole load days, like wecheer__event_duplicates.
{% set start = wecheer_incremental_start(this) if is_incremental() else none %}
with

duplicates as (

    select * from {{ ref('wecheer__event_duplicates') }}
    {% if is_incremental() %}
        where {{ wecheer_is_in_load_window('loaded_at', start) }}
    {% endif %}

),

final as (

    select
        'duplicate_message_ids' as check_name,
        {{ wecheer_qa_row_columns(message_id='event_id') }},
        'copy ' || cast(duplicate_rank as {{ dbt.type_string() }}) || ' of message ' || event_id
            as finding,
        loaded_at,
        loaded_on
    from duplicates

)

select * from final
