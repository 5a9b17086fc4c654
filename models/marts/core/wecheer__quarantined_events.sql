{{
    config(
        materialized=('table' if target.type == 'spark' else 'incremental'),
        unique_key='loaded_on',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
    )
}}
{% if is_incremental() %}
    {% set start = wecheer_incremental_start(this) %}
{% endif %}
-- Raw event-table rows that cannot be used (no id, no received_at, no usable time), kept with the reason.
with

classified_rows as (

    select * from {{ ref('int_wecheer__event_rows_classified') }}

),

final as (

    select
        source_table,
        quarantine_reason,
        message_id,
        event_name,
        category,
        is_planned,
        event_text,
        user_id,
        advertiser_id,
        campaign_id,
        original_timestamp,
        sent_at,
        received_at,
        segment_timestamp,
        uuid_ts,
        row_hash,
        unparsable_columns,
        loaded_at,
        loaded_on
    from classified_rows
    where
        row_status = 'quarantined'
    {% if is_incremental() %}
            -- whole load days, as the classification rewrites them
            and {{ wecheer_is_in_load_window('loaded_at', start) }}
        {% endif %}

)

select * from final
