{#- Per campaign, the ordered receipt funnel: scan started -> processed -> accepted -> rewarded,
    counted in attempts (one GROUP BY over wecheer__receipts). -#}

with

receipts as (

    select * from {{ ref('wecheer__receipts') }}

),

per_campaign as (

    select
        campaign_id,
        max(advertiser_id) as advertiser_id,
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
        ['campaign_id', 'advertiser_id'],
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

    select * from steps

)

select * from final
