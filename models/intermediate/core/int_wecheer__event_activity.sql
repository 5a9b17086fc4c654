{{ config(**wecheer_incremental_config(unique_key='loaded_on')) }}
{#
    The usable classified rows summarised per load day, status, user, advertiser and campaign,
    for the dimensions. Incremental by whole load days (delete+insert on loaded_on); why that is
    exact: doc block wecheer_activity_incremental in models/docs.md.
#}
{% do wecheer_lookback_days() %}{# refuses a bad value on every build, not only incremental ones #}
{% set start = wecheer_incremental_start(this, 'last_loaded_at') if is_incremental() else none %}
with

classified_rows as (

    select * from {{ ref('int_wecheer__event_rows_classified') }}

),

final as (

    select
        loaded_on,
        row_status,
        user_id,
        advertiser_id,
        campaign_id,
        -- implausible times (before wecheer_plausible_since, or after the load) never become a
        -- first or last time
        min(case when is_event_at_plausible then event_at end) as first_event_at,
        max(case when is_event_at_plausible then event_at end) as last_event_at,
        count(*) as row_count,
        max(case when is_received_at_plausible then received_at end) as last_received_at,
        max(loaded_at) as last_loaded_at
    from classified_rows
    where
        quarantine_reason is null
    {{ wecheer_and_in_load_window('loaded_at', start) }}
    group by 1, 2, 3, 4, 5

)

select * from final
