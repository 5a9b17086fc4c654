{#- Per campaign and lifecycle, the ordered steps with counts and step and overall conversion:
    safe box (generated -> read -> redeemed), manual verification (requested -> verdict ->
    approved), game (triggered -> completed), level (unlocked -> rewarded). -#}

with

safe_boxes as (

    select * from {{ ref('wecheer__safe_boxes') }}

),

manual_verifications as (

    select * from {{ ref('wecheer__manual_verifications') }}

),

games as (

    select * from {{ ref('wecheer__games') }}

),

levels as (

    select * from {{ ref('wecheer__levels') }}

),

safe_box_counts as (

    select
        campaign_id,
        'safe_box' as lifecycle,
        count(*) as boxes_generated,
        count(case when is_read then 1 end) as boxes_read,
        count(case when is_redeemed then 1 end) as boxes_redeemed
    from safe_boxes
    group by 1

),

verification_counts as (

    select
        campaign_id,
        'manual_verification' as lifecycle,
        count(*) as requested,
        count(case when verdict <> 'awaiting' then 1 end) as verdict_given,
        count(case when verdict = 'approved' then 1 end) as approved
    from manual_verifications
    group by 1

),

game_counts as (

    select
        campaign_id,
        'game' as lifecycle,
        count(*) as triggered,
        count(case when is_completed then 1 end) as completed
    from games
    group by 1

),

level_counts as (

    select
        campaign_id,
        'level' as lifecycle,
        count(*) as unlocked,
        count(case when is_rewarded then 1 end) as rewarded
    from levels
    group by 1

),

steps as (

    {{ wecheer_step_conversions(
        'safe_box_counts', ['campaign_id', 'lifecycle'],
        [('generated', 'boxes_generated'), ('read', 'boxes_read'), ('redeemed', 'boxes_redeemed')], 'instances',
    ) }}
    union all
    {{ wecheer_step_conversions(
        'verification_counts', ['campaign_id', 'lifecycle'],
        [('requested', 'requested'), ('verdict_given', 'verdict_given'), ('approved', 'approved')],
        'instances',
    ) }}
    union all
    {{ wecheer_step_conversions(
        'game_counts', ['campaign_id', 'lifecycle'],
        [('triggered', 'triggered'), ('completed', 'completed')], 'instances',
    ) }}
    union all
    {{ wecheer_step_conversions(
        'level_counts', ['campaign_id', 'lifecycle'],
        [('unlocked', 'unlocked'), ('rewarded', 'rewarded')], 'instances',
    ) }}

),

final as (

    select * from steps

)

select * from final
