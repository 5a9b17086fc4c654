{{ config(**wecheer_incremental_config(unique_key='advertiser_id')) }}
{#- One row per advertiser (brand) id seen in events or reference data, with reference attributes
    when present. Activity comes from int_wecheer__event_activity (kept events summarised per load
    day). Incremental by advertiser: a build recomputes the advertisers with activity loaded
    since its window start and those whose reference row (or a reference campaign's) is new or
    changed. -#}
{%- set start = wecheer_incremental_start(this, 'last_loaded_at') if is_incremental() else none %}

with

reference_advertisers as (

    select * from {{ ref('stg_wecheer__reference_advertisers') }}

),

reference_campaigns as (

    select * from {{ ref('stg_wecheer__reference_campaigns') }}

),

{% if is_incremental() %}
    touched_advertisers as (

        select advertiser_id from {{ ref('int_wecheer__event_activity') }}
        where advertiser_id is not null and {{ wecheer_is_in_load_window('last_loaded_at', start) }}
        union
        select reference_advertisers.advertiser_id
        from reference_advertisers
        left join {{ this }} as this_mart
            on reference_advertisers.advertiser_id = this_mart.advertiser_id
        where
            reference_advertisers.advertiser_id is not null
            and (
                not coalesce(this_mart.is_in_reference, false)
                or reference_advertisers.advertiser_name is distinct from this_mart.advertiser_name
                or reference_advertisers.industry is distinct from this_mart.industry
            )
        union
        select reference_campaigns.advertiser_id
        from reference_campaigns
        left join {{ this }} as this_mart
            on reference_campaigns.advertiser_id = this_mart.advertiser_id
        where reference_campaigns.advertiser_id is not null and this_mart.advertiser_id is null

    ),
{% endif %}

activity as (

    select * from {{ ref('int_wecheer__event_activity') }}
    {{ wecheer_where_touched('advertiser_id', 'touched_advertisers', start) }}

),

event_activity as (

    select
        advertiser_id,
        min(first_event_at) as first_event_at,
        max(last_event_at) as last_event_at,
        cast(sum(row_count) as {{ dbt.type_bigint() }}) as events,
        count(distinct user_id) as participants,
        count(distinct campaign_id) as campaigns_with_events,
        max(last_loaded_at) as last_loaded_at
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

touched_ids as (

    select advertiser_id from advertiser_ids
    {{ wecheer_where_touched('advertiser_id', 'touched_advertisers', start) }}

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
        coalesce(event_activity.campaigns_with_events, 0) as campaigns_with_events,
        event_activity.last_loaded_at
    from touched_ids as advertiser_ids
    left join reference_advertisers
        on advertiser_ids.advertiser_id = reference_advertisers.advertiser_id
    left join event_activity
        on advertiser_ids.advertiser_id = event_activity.advertiser_id

)

select * from final
