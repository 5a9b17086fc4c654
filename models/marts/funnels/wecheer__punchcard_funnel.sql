{{ config(**wecheer_incremental_config(unique_key='campaign_id')) }}
{#- Per campaign, the ordered punchcard funnel: cards started -> first step -> completed ->
    rewarded -> redeemed, counted in cards (one GROUP BY over wecheer__punchcards). Incremental:
    the campaigns with punchcards loaded since the window start are recounted whole. -#}

{%- set start = wecheer_incremental_start(this, 'last_loaded_at') if is_incremental() else none %}

with

punchcards as (

    select * from {{ ref('wecheer__punchcards') }}
    {{ wecheer_where_touched_campaign(ref('wecheer__punchcards'), start) }}

),

{{ wecheer_campaign_funnel_steps('punchcards', [
    ('card_started', 'count(*)'),
    ('first_step', 'count(case when steps_completed > 0 then 1 end)'),
    ('completed', 'count(case when is_completed then 1 end)'),
    ('rewarded', 'count(case when rewarded_at is not null then 1 end)'),
    ('redeemed', 'count(case when redeemed_at is not null then 1 end)'),
], 'cards') }},

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
