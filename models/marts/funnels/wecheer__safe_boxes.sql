{{ config(**wecheer_incremental_config(unique_key=['user_id', 'campaign_id'])) }}
{#- One row per safe box generated for a user in a campaign: when it was read and redeemed
    (the first Safe Box Read / Safe Box Redeemed before the user's next safe box there). -#}

with

{{ wecheer_lifecycle_instances(
    ref('wecheer__events'),
    'Safe Box Generated',
    [('read', ['Safe Box Read']), ('redeemed', ['Safe Box Redeemed'])],
    'safe_box_id',
    'generated_at',
) }},

final as (

    select
        safe_box_id,
        user_id,
        advertiser_id,
        campaign_id,
        instance_number as safe_box_number,
        generated_at,
        read_at,
        redeemed_at,
        read_at is not null as is_read,
        redeemed_at is not null as is_redeemed,
        {{ dbt.datediff('generated_at', 'redeemed_at', 'second') }} as seconds_to_redeem,  -- noqa: LT05
        last_loaded_at
    from lifecycle_instances

)

select * from final
