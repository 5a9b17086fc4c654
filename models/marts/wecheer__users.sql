-- One row per user id seen in events, identifies or users: activity and latest traits (PII hashed by default).
-- Activity comes from int_wecheer__user_activity (kept events summarised per user, maintained
-- incrementally), not from the events themselves.
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

event_activity as (

    select
        user_id,
        first_seen_at,
        last_seen_at,
        events,
        advertisers_engaged,
        campaigns_joined
    from user_activity
    where events > 0

),

latest_identifies as (

    select
        *,
        row_number() over (
            partition by user_id
            order by identified_at desc nulls last, received_at desc nulls last, identify_id desc
        ) as recency_rank
    from identifies
    where user_id is not null

),

latest_users as (

    select
        *,
        row_number() over (
            partition by user_id
            order by received_at desc nulls last
        ) as recency_rank
    from users
    where user_id is not null

),

user_ids as (

    select user_id from event_activity
    union
    select user_id from latest_identifies
    union
    select user_id from latest_users

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
        latest_identifies.user_id is not null or latest_users.user_id is not null as has_traits
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
        {% if var('wecheer_hash_pii', true) %}
        {{ dbt.hash('lower(trim(raw_email))') }} as email,
        {{ dbt.hash("trim(raw_phone)") }} as phone,
        {% else %}
            raw_email as email,
            raw_phone as phone,
        {% endif %}
        first_name,
        last_name,
        birthday_on,
        city,
        country,
        last_identified_at,
        has_traits
    from joined

)

select * from final
