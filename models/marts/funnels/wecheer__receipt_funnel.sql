{{ config(**wecheer_incremental_config(unique_key='campaign_id')) }}
{#- Per campaign, the ordered receipt funnel: scan started -> processed -> accepted -> rewarded,
    counted in attempts (one GROUP BY over wecheer__receipts). Incremental: the campaigns with
    receipts loaded since the window start are recounted whole. -#}

{%- set start = wecheer_incremental_start(this, 'last_loaded_at') if is_incremental() else none %}

with

receipts as (

    select * from {{ ref('wecheer__receipts') }}
    {{ wecheer_where_touched_campaign(ref('wecheer__receipts'), start) }}

),

{{ wecheer_campaign_funnel_steps('receipts', [
    ('scan_started', 'count(*)'),
    ('processed', 'count(case when is_processed then 1 end)'),
    ('accepted', 'count(case when is_accepted then 1 end)'),
    ('rewarded', 'count(case when is_rewarded then 1 end)'),
], 'attempts') }},

final as (

    select
        campaign_id,
        advertiser_id,
        step_number,
        step_name,
        attempts,
        step_conversion,
        overall_conversion,
        last_loaded_at
    from steps

)

select * from final
