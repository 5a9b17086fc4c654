{{
    config(
        materialized=('table' if target.type == 'spark' else 'incremental'),
        unique_key='received_on',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
    )
}}
{#
    The usable classified rows (kept events and duplicates) summarised per received day, status,
    user, advertiser and campaign: the small table the dimensions aggregate instead of every
    event. Incremental like the classification, by whole received days: a build rebuilds every
    day from the start of the day of the latest received_at summarised here, minus
    wecheer_lookback_days (delete+insert on received_on). That start is never later than where
    the classification started (its latest received_at is at least this one's), and the
    classification changes no row received before it, so every other day is already right.
    Duplicates are summarised too so that a rebuilt day is never empty: a day whose kept rows
    all lost to earlier copies keeps its duplicates, so delete+insert still replaces it.
    Spark (no delete+insert without Delta) rebuilds the table.
#}
{% do wecheer_lookback_days() %}{# refuses a bad value on every build, not only incremental ones #}
with

classified_rows as (

    select * from {{ ref('int_wecheer__event_rows_classified') }}

),

final as (

    select
        received_on,
        row_status,
        user_id,
        advertiser_id,
        campaign_id,
        min(event_at) as first_event_at,
        max(event_at) as last_event_at,
        count(*) as row_count,
        max(received_at) as last_received_at
    from classified_rows
    where
        quarantine_reason is null
    {% if is_incremental() %}
            and received_at >= {{ wecheer_incremental_start(this, 'last_received_at') }}
        {% endif %}
    group by 1, 2, 3, 4, 5

)

select * from final
