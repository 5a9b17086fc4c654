{#- One row per campaign id seen in events: the advertiser most of its events carry (ties: the
    smallest id), so campaign-level marts show one advertiser per campaign. -#}

with

advertiser_events as (

    select * from {{ ref('int_wecheer__campaign_advertiser_events') }}

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
