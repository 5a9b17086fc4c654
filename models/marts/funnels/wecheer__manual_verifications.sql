{{ config(**wecheer_incremental_config(unique_key=['user_id', 'campaign_id'])) }}
{#- One row per Manual Verification Requested: its verdict (the first Manual Verification
    Approved or Rejected before the user's next request in the campaign) and the time to it. -#}

with

{{ wecheer_lifecycle_instances(
    ref('wecheer__events'),
    'Manual Verification Requested',
    [('approved', ['Manual Verification Approved']), ('rejected', ['Manual Verification Rejected'])],
    'verification_id',
    'requested_at',
) }},

with_verdict as (

    select
        *,
        case
            when approved_at is not null and (rejected_at is null or approved_at <= rejected_at)
                then 'approved'
            when rejected_at is not null then 'rejected'
            else 'awaiting'
        end as verdict
    from lifecycle_instances

),

final as (

    select
        verification_id,
        user_id,
        advertiser_id,
        campaign_id,
        requested_at,
        verdict,
        case verdict
            when 'approved' then approved_at
            when 'rejected' then rejected_at
        end as verdict_at,
        {{ dbt.datediff(
            'requested_at',
            "case verdict when 'approved' then approved_at when 'rejected' then rejected_at end",
            'second',
        ) }} as seconds_to_verdict,
        last_loaded_at
    from with_verdict

)

select * from final
