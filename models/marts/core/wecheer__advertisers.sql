-- One row per advertiser (brand) id seen in events or reference data, with reference attributes when present.
-- Activity comes from int_wecheer__event_activity (kept events summarised per received day).
with

activity as (

    select * from {{ ref('int_wecheer__event_activity') }}

),

reference_advertisers as (

    select * from {{ ref('stg_wecheer__reference_advertisers') }}

),

reference_campaigns as (

    select * from {{ ref('stg_wecheer__reference_campaigns') }}

),

event_activity as (

    select
        advertiser_id,
        min(first_event_at) as first_event_at,
        max(last_event_at) as last_event_at,
        cast(sum(row_count) as {{ dbt.type_bigint() }}) as events,
        count(distinct user_id) as participants,
        count(distinct campaign_id) as campaigns_with_events
    from activity
    where row_status = 'event' and advertiser_id is not null
    group by 1

),

advertiser_ids as (

    select advertiser_id from event_activity
    union
    select advertiser_id from reference_advertisers
    where advertiser_id is not null
    union
    select advertiser_id from reference_campaigns
    where advertiser_id is not null

),

final as (

    select
        advertiser_ids.advertiser_id,
        reference_advertisers.advertiser_name,
        reference_advertisers.industry,
        reference_advertisers.advertiser_id is not null as is_in_reference,
        event_activity.first_event_at,
        event_activity.last_event_at,
        coalesce(event_activity.events, 0) as events,
        coalesce(event_activity.participants, 0) as participants,
        coalesce(event_activity.campaigns_with_events, 0) as campaigns_with_events
    from advertiser_ids
    left join reference_advertisers
        on advertiser_ids.advertiser_id = reference_advertisers.advertiser_id
    left join event_activity
        on advertiser_ids.advertiser_id = event_activity.advertiser_id

)

select * from final
