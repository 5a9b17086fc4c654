{{
    config(**wecheer_incremental_config(
        unique_key='user_id',
            post_hook=([] if target.type == 'spark' else [
                "delete from {{ this }} where not has_traits and user_id in ("
                ~ "select user_id from {{ ref('int_wecheer__user_activity') }} where events = 0)"]),
    ))
}}
{#
    One row per user id seen in events, identifies or users: activity and latest traits (PII
    under the policy of macro wecheer_pii_column: keyed hashes, or nothing, unless kept in clear). Activity comes from int_wecheer__user_activity (kept events summarised
    per user, maintained incrementally), not from the events themselves.
    Incremental on user_id: a build recomputes, from all of their rows, the users whose activity
    summary, identify calls or users row were loaded from the start of the day of the latest
    last_loaded_at here, minus wecheer_lookback_days (rows without a load time: always). A
    user's row depends on nothing else, so replacing the touched users equals a full refresh,
    except that delete+insert only deletes the keys it inserts: a user whose only event was
    taken over by a late copy (now seen only on a duplicate) and who has no traits leaves the
    table, so the post-hook deletes such users (a no-op on a full build). Changing the PII key
    or var wecheer_pii_clear_columns needs --full-refresh. Spark (no delete+insert without Delta) rebuilds the
    table.
#}
{% do wecheer_lookback_days() %}{# refuses a bad value on every build, not only incremental ones #}
{% set start = wecheer_incremental_start(this, 'last_loaded_at') if is_incremental() else none %}
{%- set only_touched = (
    ' and user_id in (select touched_users.user_id from touched_users)' if is_incremental() else ''
) %}
with

user_activity as (

    select * from {{ ref('int_wecheer__user_activity') }}

),

identifies as (

    select * from {{ ref('stg_wecheer__identifies') }}

),

users as (

    select * from {{ ref('stg_wecheer__users') }}

),

{% if is_incremental() %}
    touched_users as (

        select user_id from user_activity
        where {{ wecheer_is_in_load_window('last_loaded_at', start) }}
        union
        select user_id from identifies
        where user_id is not null and {{ wecheer_is_in_load_window('loaded_at', start) }}
        union
        select user_id from users
        where user_id is not null and {{ wecheer_is_in_load_window('loaded_at', start) }}

    ),
{% endif %}

event_activity as (

    select
        user_id,
        first_seen_at,
        last_seen_at,
        events,
        advertisers_engaged,
        campaigns_joined,
        last_received_at,
        last_loaded_at
    from user_activity
    where events > 0{{ only_touched }}

),

latest_identifies as (

    select
        *,
        row_number() over (
            partition by user_id
            order by identified_at desc nulls last, loaded_at desc nulls last, identify_id desc
        ) as recency_rank
    from identifies
    where user_id is not null{{ only_touched }}

),

latest_users as (

    select
        *,
        row_number() over (
            partition by user_id
            order by loaded_at desc nulls last, received_at desc nulls last
        ) as recency_rank
    from users
    where user_id is not null{{ only_touched }}

),

received as (

    -- every user id with the load time of each of its rows: the ids of the table and the
    -- watermark of incremental builds
    select
        user_id,
        last_received_at as received_at,
        last_loaded_at as loaded_at
    from event_activity
    union all
    select
        user_id,
        case when {{ wecheer_is_plausible('received_at', 'loaded_at') }} then received_at end,
        loaded_at
    from latest_identifies
    union all
    select
        user_id,
        case when {{ wecheer_is_plausible('received_at', 'loaded_at') }} then received_at end,
        loaded_at
    from latest_users

),

user_ids as (

    select
        user_id,
        max(received_at) as last_received_at,
        max(loaded_at) as last_loaded_at
    from received
    group by 1

),

joined as (

    select
        user_ids.user_id,
        event_activity.first_seen_at,
        event_activity.last_seen_at,
        coalesce(event_activity.events, 0) as events,
        coalesce(event_activity.advertisers_engaged, 0) as advertisers_engaged,
        coalesce(event_activity.campaigns_joined, 0) as campaigns_joined,
        coalesce(latest_users.email, latest_identifies.email) as raw_email,
        coalesce(latest_users.phone, latest_identifies.phone) as raw_phone,
        coalesce(latest_users.first_name, latest_identifies.first_name) as first_name,
        coalesce(latest_users.last_name, latest_identifies.last_name) as last_name,
        coalesce(latest_users.birthday_on, latest_identifies.birthday_on) as birthday_on,
        coalesce(latest_users.city, latest_identifies.city) as city,
        coalesce(latest_users.country, latest_identifies.country) as country,
        latest_identifies.identified_at as last_identified_at,
        latest_identifies.user_id is not null or latest_users.user_id is not null as has_traits,
        user_ids.last_received_at,
        user_ids.last_loaded_at
    from user_ids
    left join event_activity
        on user_ids.user_id = event_activity.user_id
    left join latest_identifies
        on
            user_ids.user_id = latest_identifies.user_id
            and latest_identifies.recency_rank = 1
    left join latest_users
        on
            user_ids.user_id = latest_users.user_id
            and latest_users.recency_rank = 1

),

final as (

    select
        user_id,
        first_seen_at,
        last_seen_at,
        events,
        advertisers_engaged,
        campaigns_joined,
        {{ wecheer_pii_column('raw_email', 'email') }} as email,
        {{ wecheer_pii_column('raw_phone', 'phone') }} as phone,
        {{ wecheer_pii_column('first_name', 'first_name') }} as first_name,
        {{ wecheer_pii_column('last_name', 'last_name') }} as last_name,
        {{ wecheer_pii_column('birthday_on', 'birthday_on', is_date=true) }} as birthday_on,
        {{ wecheer_pii_column('city', 'city') }} as city,
        country,
        last_identified_at,
        has_traits,
        last_received_at,
        last_loaded_at
    from joined

)

select * from final
