{{ config(**wecheer_incremental_config(unique_key=['user_id', 'campaign_id'])) }}
{#- One row per Level Unlocked: the user's level number in the campaign (1 for the first unlock)
    and its reward (the first Level Unlock Reward Received before the next unlock). -#}

with

{{ wecheer_lifecycle_instances(
    ref('wecheer__events'),
    'Level Unlocked',
    [('rewarded', ['Level Unlock Reward Received'])],
    'level_unlock_id',
    'unlocked_at',
) }},

final as (

    select
        level_unlock_id,
        user_id,
        advertiser_id,
        campaign_id,
        instance_number as level_number,
        unlocked_at,
        rewarded_at,
        rewarded_at is not null as is_rewarded,
        {{ dbt.datediff('unlocked_at', 'rewarded_at', 'second') }} as seconds_to_reward,  -- noqa: LT05
        last_loaded_at
    from lifecycle_instances

)

select * from final
