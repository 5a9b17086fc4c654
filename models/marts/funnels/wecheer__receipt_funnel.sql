{{ config(**wecheer_incremental_config(unique_key='campaign_id')) }}
{#- Per campaign, the ordered receipt funnel: scan started -> processed -> accepted -> rewarded,
    counted in attempts (one GROUP BY over wecheer__receipts). -#}

{%- set start = wecheer_incremental_start(this, 'last_loaded_at') if is_incremental() else none %}

with

receipts as (

    select * from {{ ref('wecheer__receipts') }}
    {% if is_incremental() %}
        -- the campaigns with receipts loaded since the window start, recounted whole
        where campaign_id in (
            {{ wecheer_touched_campaigns([ref('wecheer__receipts')], start) }}
        )
    {% endif %}

),

per_campaign as (

    select
        campaign_id,
        max(advertiser_id) as advertiser_id,
        max(last_loaded_at) as last_loaded_at,
        count(*) as scans_started,
        count(case when is_processed then 1 end) as processed,
        count(case when is_accepted then 1 end) as accepted,
        count(case when is_rewarded then 1 end) as rewarded
    from receipts
    group by 1

),

steps as (

    {{ wecheer_step_conversions(
        'per_campaign',
        ['campaign_id', 'advertiser_id', 'last_loaded_at'],
        [
            ('scan_started', 'scans_started'),
            ('processed', 'processed'),
            ('accepted', 'accepted'),
            ('rewarded', 'rewarded'),
        ],
        'attempts',
    ) }}

),

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
