{#- One row per campaign id seen in events: the advertiser most of its events carry (ties: the
    smallest id), so campaign-level funnel marts show one advertiser per campaign. -#}

with

events as (

    select * from {{ ref('wecheer__events') }}

),

event_advertisers as (

    select
        campaign_id,
        advertiser_id,
        count(*) as events
    from events
    where campaign_id is not null and advertiser_id is not null
    group by 1, 2

),

ranked as (

    select
        campaign_id,
        advertiser_id,
        row_number() over (
            partition by campaign_id
            order by events desc, advertiser_id asc
        ) as advertiser_rank
    from event_advertisers

),

final as (

    select
        campaign_id,
        advertiser_id
    from ranked
    where advertiser_rank = 1

)

select * from final
