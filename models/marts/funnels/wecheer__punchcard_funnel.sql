{{ config(**wecheer_incremental_config(unique_key='campaign_id')) }}
{#- Per campaign, the ordered punchcard funnel: cards started -> first step -> completed ->
    rewarded -> redeemed, counted in cards (one GROUP BY over wecheer__punchcards). -#}

{%- set start = wecheer_incremental_start(this, 'last_loaded_at') if is_incremental() else none %}

with

punchcards as (

    select * from {{ ref('wecheer__punchcards') }}
    {% if is_incremental() %}
        -- the campaigns with punchcards loaded since the window start, recounted whole
        where campaign_id in (
            {{ wecheer_touched_campaigns([ref('wecheer__punchcards')], start) }}
        )
    {% endif %}

),

per_campaign as (

    select
        campaign_id,
        max(advertiser_id) as advertiser_id,
        max(last_loaded_at) as last_loaded_at,
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
        ['campaign_id', 'advertiser_id', 'last_loaded_at'],
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

    select
        campaign_id,
        advertiser_id,
        step_number,
        step_name,
        cards,
        step_conversion,
        overall_conversion,
        last_loaded_at
    from steps

)

select * from final
