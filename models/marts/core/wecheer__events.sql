{{
    config(
        materialized=('table' if target.type == 'spark' else 'incremental'),
        unique_key='event_id',
        incremental_strategy='delete+insert',
        incremental_predicates=['received_at >= ' ~ wecheer_incremental_start(this)],
        on_schema_change='fail',
    )
}}
{#
    One row per unique message id: the rows int_wecheer__event_rows_classified keeps. That model
    does the dedup, incrementally by received day; this one copies the kept rows of the days it
    rebuilt (from the start of the day of the latest received_at here, minus
    wecheer_lookback_days, which is never later than where the classification started) and
    replaces the rows of the same event ids (delete+insert on event_id). The delete looks only
    at rows received since that same start (incremental_predicates, evaluated before the
    insert): a kept row the batch replaces was received no earlier than its replacement, so it
    is always among them, and the delete no longer probes every event id in the table. On Spark
    it is a table, rebuilt from the classification each run: replacing whole days there
    (insert_overwrite) needs a received-day partition column this mart does not have
    (docs/decisions.md).
#}
{% do wecheer_lookback_days() %}{# refuses a bad value on every build, not only incremental ones #}
with

classified_rows as (

    select * from {{ ref('int_wecheer__event_rows_classified') }}

),

final as (

    select
        message_id as event_id,
        event_name,
        category,
        is_planned,
        user_id,
        advertiser_id,
        campaign_id,
        event_at,
        received_at,
        source_table,
        event_text,
        anonymous_id,
        original_timestamp,
        sent_at,
        uuid_ts,
        context_library_name,
        context_library_version,
        row_hash
    from classified_rows
    where
        row_status = 'event'
    {% if is_incremental() %}
            and received_at >= {{ wecheer_incremental_start(this) }}
        {% endif %}

)

select * from final
