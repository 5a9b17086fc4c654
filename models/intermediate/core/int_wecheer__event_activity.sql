{{
    config(
        materialized=('table' if target.type == 'spark' else 'incremental'),
        unique_key='received_on',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
    )
}}
{#
    The usable classified rows summarised per received day, status, user, advertiser and
    campaign, for the dimensions. Incremental by whole received days (delete+insert on
    received_on); why that is exact, including a day whose kept rows all lose to earlier copies:
    doc block wecheer_activity_incremental in models/docs.md.
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
