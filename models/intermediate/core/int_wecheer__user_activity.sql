{{ config(**wecheer_incremental_config(unique_key='user_id')) }}
{#
    One row per user id on a usable classified row (a kept event or a duplicate), with the
    activity wecheer__users reports, from the kept events only (a user seen only on duplicates
    has 0 events). Read from int_wecheer__event_activity, not from the events. Incremental on
    user_id: a build recomputes, from every load day of int_wecheer__event_activity, the users
    with summary rows loaded since the start of the day of the latest load time summarised
    here, minus wecheer_lookback_days (the load days that model may just have rebuilt).
    Users never disappear from this table (usable raw rows are never removed), so replacing the
    touched users is exact; wecheer__users drops the ones with no events.
    Spark (no delete+insert without Delta) rebuilds the table.
#}
{% do wecheer_lookback_days() %}{# refuses a bad value on every build, not only incremental ones #}
{% set start = wecheer_incremental_start(this, 'last_loaded_at') if is_incremental() else none %}
with

activity as (

    select * from {{ ref('int_wecheer__event_activity') }}
    where
        user_id is not null
    {% if is_incremental() %}
            and user_id in (
                select touched.user_id
                from {{ ref('int_wecheer__event_activity') }} as touched
                where
                    touched.user_id is not null
                    and {{ wecheer_is_in_load_window('touched.last_loaded_at', start) }}
            )
        {% endif %}

),

kept_events as (

    select * from activity
    where row_status = 'event'

),

users as (

    select
        user_id,
        max(last_received_at) as last_received_at,
        max(last_loaded_at) as last_loaded_at
    from activity
    group by 1

),

event_activity as (

    select
        user_id,
        min(first_event_at) as first_seen_at,
        max(last_event_at) as last_seen_at,
        cast(sum(row_count) as {{ dbt.type_bigint() }}) as events,
        count(distinct advertiser_id) as advertisers_engaged,
        count(distinct campaign_id) as campaigns_joined
    from kept_events
    group by 1

),

final as (

    select
        users.user_id,
        event_activity.first_seen_at,
        event_activity.last_seen_at,
        coalesce(event_activity.events, 0) as events,
        coalesce(event_activity.advertisers_engaged, 0) as advertisers_engaged,
        coalesce(event_activity.campaigns_joined, 0) as campaigns_joined,
        users.last_received_at,
        users.last_loaded_at
    from users
    left join event_activity
        on users.user_id = event_activity.user_id

)

select * from final
