{{
    config(
        materialized='incremental',
        unique_key='event_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
    )
}}
{#
    One row per unique message id. Incremental on received_at: a run reprocesses raw rows
    received from (max received_at loaded - wecheer_lookback_days) on, and lets them compete
    with the row already loaded for the same message id under the one tie-break
    (wecheer_dedup_order). The loaded row is the winner over all rows seen before, so the
    winner over both is the winner over all rows: the result equals a full refresh.
#}
{% set lookback_days = wecheer_lookback_days() %}

with

event_rows as (

    select * from {{ ref('int_wecheer__event_rows') }}

),

{% if is_incremental() %}
load_window as (

    select
        {{ dbt.dateadd(
            'day',
            -lookback_days,
            "coalesce(max(received_at), cast('1900-01-01' as " ~ dbt.type_timestamp() ~ "))",
        ) }} as received_from
    from {{ this }}

),
{% endif %}

new_rows as (

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
        row_hash,
        false as is_loaded
    from event_rows
    where
        quarantine_reason is null
    {% if is_incremental() %}
            and received_at >= (select load_window.received_from from load_window)
        {% endif %}

),

{% if is_incremental() %}
loaded_rows as (

    select
        event_id,
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
        row_hash,
        true as is_loaded
    from {{ this }}
    where event_id in (select new_rows.event_id from new_rows)

),
{% endif %}

candidates as (

    select * from new_rows
    {% if is_incremental() %}
        union all
        select * from loaded_rows
    {% endif %}

),

ranked as (

    select
        *,
        row_number() over (
            partition by event_id
            order by {{ wecheer_dedup_order() }}, is_loaded desc
        ) as duplicate_rank
    from candidates

),

final as (

    select
        event_id,
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
    from ranked
    where duplicate_rank = 1 and not is_loaded

)

select * from final
