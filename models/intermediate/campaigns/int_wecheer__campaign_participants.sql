{#- One row per user and campaign: when the user joined the campaign (their first event carrying
    its id) and was last seen in it. Basis of participants, new participants and cohorts. -#}

with

events as (

    select * from {{ ref('wecheer__events') }}

),

final as (

    select
        campaign_id,
        user_id,
        min(event_at) as joined_at,
        max(event_at) as last_seen_at,
        count(*) as events
    from events
    where campaign_id is not null and user_id is not null
    group by 1, 2

)

select * from final
