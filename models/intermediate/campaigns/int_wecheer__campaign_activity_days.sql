{#- One row per user, campaign and day with any event carrying the campaign id: daily
    participants and cohort activity. -#}

with

events as (

    select * from {{ ref('wecheer__events') }}

),

final as (

    select
        campaign_id,
        user_id,
        cast({{ dbt.date_trunc('day', 'event_at') }} as date) as activity_on,
        count(*) as events
    from events
    where campaign_id is not null and user_id is not null
    group by 1, 2, 3

)

select * from final
