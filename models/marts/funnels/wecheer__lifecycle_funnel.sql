{{ config(**wecheer_incremental_config(unique_key='campaign_id')) }}
{#- Per campaign and lifecycle, the ordered steps with counts and step and overall conversion:
    safe box (generated -> read -> redeemed), manual verification (requested -> verdict ->
    approved), game (triggered -> completed), level (unlocked -> rewarded). Incremental by
    campaign: a build recounts the campaigns with an instance loaded since its window start. -#}
{%- set start = wecheer_incremental_start(this, 'last_loaded_at') if is_incremental() else none %}

with

{% if is_incremental() %}
    touched_campaigns as (

        {{ wecheer_touched_campaigns([
            ref('wecheer__safe_boxes'), ref('wecheer__manual_verifications'), ref('wecheer__games'),
            ref('wecheer__levels'),
        ], start) }}

    ),
{% endif %}

safe_boxes as (

    select * from {{ ref('wecheer__safe_boxes') }}
    {{ wecheer_where_touched('campaign_id', 'touched_campaigns', start) }}

),

manual_verifications as (

    select * from {{ ref('wecheer__manual_verifications') }}
    {{ wecheer_where_touched('campaign_id', 'touched_campaigns', start) }}

),

games as (

    select * from {{ ref('wecheer__games') }}
    {{ wecheer_where_touched('campaign_id', 'touched_campaigns', start) }}

),

levels as (

    select * from {{ ref('wecheer__levels') }}
    {{ wecheer_where_touched('campaign_id', 'touched_campaigns', start) }}

),

safe_box_counts as (

    select
        campaign_id,
        'safe_box' as lifecycle,
        max(last_loaded_at) as last_loaded_at,
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
        max(last_loaded_at) as last_loaded_at,
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
        max(last_loaded_at) as last_loaded_at,
        count(*) as triggered,
        count(case when is_completed then 1 end) as completed
    from games
    group by 1

),

level_counts as (

    select
        campaign_id,
        'level' as lifecycle,
        max(last_loaded_at) as last_loaded_at,
        count(*) as unlocked,
        count(case when is_rewarded then 1 end) as rewarded
    from levels
    group by 1

),

steps as (

    {{ wecheer_step_conversions(
        'safe_box_counts', ['campaign_id', 'lifecycle', 'last_loaded_at'],
        [('generated', 'boxes_generated'), ('read', 'boxes_read'), ('redeemed', 'boxes_redeemed')], 'instances',
    ) }}
    union all
    {{ wecheer_step_conversions(
        'verification_counts', ['campaign_id', 'lifecycle', 'last_loaded_at'],
        [('requested', 'requested'), ('verdict_given', 'verdict_given'), ('approved', 'approved')],
        'instances',
    ) }}
    union all
    {{ wecheer_step_conversions(
        'game_counts', ['campaign_id', 'lifecycle', 'last_loaded_at'],
        [('triggered', 'triggered'), ('completed', 'completed')], 'instances',
    ) }}
    union all
    {{ wecheer_step_conversions(
        'level_counts', ['campaign_id', 'lifecycle', 'last_loaded_at'],
        [('unlocked', 'unlocked'), ('rewarded', 'rewarded')], 'instances',
    ) }}

),

final as (

    select
        campaign_id,
        lifecycle,
        step_number,
        step_name,
        instances,
        step_conversion,
        overall_conversion,
        last_loaded_at
    from steps

)

select * from final
