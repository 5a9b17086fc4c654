{{ config(**wecheer_incremental_config(unique_key=['user_id', 'campaign_id'])) }}
{#- One row per Game Triggered: whether and when the game was completed (the first Game
    Completed before the user's next game in the campaign). -#}

with

{{ wecheer_lifecycle_instances(
    ref('wecheer__events'),
    'Game Triggered',
    [('completed', ['Game Completed'])],
    'game_id',
    'triggered_at',
) }},

final as (

    select
        game_id,
        user_id,
        advertiser_id,
        campaign_id,
        instance_number as game_number,
        triggered_at,
        completed_at,
        completed_at is not null as is_completed,
        {{ dbt.datediff('triggered_at', 'completed_at', 'second') }} as seconds_to_complete,  -- noqa: LT05
        last_loaded_at
    from lifecycle_instances

)

select * from final
