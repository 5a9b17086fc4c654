{#- Per campaign, the ordered punchcard funnel: cards started -> first step -> completed ->
    rewarded -> redeemed, counted in cards (one GROUP BY over wecheer__punchcards). -#}

with

punchcards as (

    select * from {{ ref('wecheer__punchcards') }}

),

per_campaign as (

    select
        campaign_id,
        max(advertiser_id) as advertiser_id,
        count(*) as cards_started,
        count(case when steps_completed > 0 then 1 end) as first_step,
        count(case when is_completed then 1 end) as completed,
        count(case when rewarded_at is not null then 1 end) as rewarded,
        count(case when redeemed_at is not null then 1 end) as redeemed
    from punchcards
    group by 1

),

steps as (

    {{ wecheer_step_conversions(
        'per_campaign',
        ['campaign_id', 'advertiser_id'],
        [
            ('card_started', 'cards_started'),
            ('first_step', 'first_step'),
            ('completed', 'completed'),
            ('rewarded', 'rewarded'),
            ('redeemed', 'redeemed'),
        ],
        'cards',
    ) }}

),

final as (

    select * from steps

)

select * from final
