{#- One row per campaign id seen in events: the advertiser most of its events carry (ties: the
    smallest id), so campaign-level marts show one advertiser per campaign. -#}

with

advertiser_events as (

    -- counted per load day there: summed per campaign and advertiser
    select
        campaign_id,
        advertiser_id,
        sum(events) as events
    from {{ ref('int_wecheer__campaign_advertiser_events') }}
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
    from advertiser_events

),

final as (

    select
        campaign_id,
        advertiser_id
    from ranked
    where advertiser_rank = 1

)

select * from final
