{{ config(**wecheer_incremental_config(unique_key='campaign_id')) }}
{#- One row per campaign id seen in events or reference data: advertiser, attributes, first/last
    plausible event, participants. Activity comes from int_wecheer__event_activity (kept events
    summarised per load day). Incremental by campaign: a build recomputes the campaigns with
    activity loaded since its window start and those whose reference row is new or changed. -#}
{%- set attributes = ['advertiser_id', 'campaign_name', 'mechanic', 'starts_on', 'ends_on',
                      'punchcard_stamps', 'punchcard_steps', 'audience'] -%}
{%- set start = wecheer_incremental_start(this, 'last_loaded_at') if is_incremental() else none %}

with

reference_campaigns as (

    select * from {{ ref('stg_wecheer__reference_campaigns') }}

),

{% if is_incremental() %}
    touched_campaigns as (

        select campaign_id from {{ ref('int_wecheer__event_activity') }}
        where campaign_id is not null and {{ wecheer_is_in_load_window('last_loaded_at', start) }}
        union
        select reference_campaigns.campaign_id
        from reference_campaigns
        left join {{ this }} as this_mart
            on reference_campaigns.campaign_id = this_mart.campaign_id
        where
            reference_campaigns.campaign_id is not null
            and (
                not coalesce(this_mart.is_in_reference, false)
                {% for attribute in attributes %}
                    or reference_campaigns.{{ attribute }} is distinct from this_mart.{{ attribute }}
                {% endfor %}
            )

    ),
{% endif %}

activity as (

    select * from {{ ref('int_wecheer__event_activity') }}
    {{ wecheer_where_touched('campaign_id', 'touched_campaigns', start) }}

),

event_activity as (

    select
        campaign_id,
        min(first_event_at) as first_event_at,
        max(last_event_at) as last_event_at,
        cast(sum(row_count) as {{ dbt.type_bigint() }}) as events,
        count(distinct user_id) as participants,
        max(last_loaded_at) as last_loaded_at
    from activity
    where row_status = 'event' and campaign_id is not null
    group by 1

),

event_advertisers as (

    select
        campaign_id,
        advertiser_id,
        sum(row_count) as events
    from activity
    where row_status = 'event' and campaign_id is not null and advertiser_id is not null
    group by 1, 2

),

-- Without reference data, a campaign's advertiser is the one on most of its events (ties: smallest id).
main_event_advertisers as (

    select
        campaign_id,
        advertiser_id,
        row_number() over (
            partition by campaign_id
            order by events desc, advertiser_id asc
        ) as advertiser_rank
    from event_advertisers

),

campaign_ids as (

    select campaign_id from event_activity
    union
    select campaign_id from reference_campaigns
    where
        campaign_id is not null
    {{ wecheer_where_touched('campaign_id', 'touched_campaigns', start, keyword='and') }}

),

final as (

    select
        campaign_ids.campaign_id,
        coalesce(reference_campaigns.advertiser_id, main_event_advertisers.advertiser_id) as advertiser_id,
        reference_campaigns.campaign_name,
        reference_campaigns.mechanic,
        reference_campaigns.starts_on,
        reference_campaigns.ends_on,
        reference_campaigns.punchcard_stamps,
        reference_campaigns.punchcard_steps,
        reference_campaigns.audience,
        reference_campaigns.campaign_id is not null as is_in_reference,
        event_activity.first_event_at,
        event_activity.last_event_at,
        coalesce(event_activity.events, 0) as events,
        coalesce(event_activity.participants, 0) as participants,
        event_activity.last_loaded_at
    from campaign_ids
    left join reference_campaigns
        on campaign_ids.campaign_id = reference_campaigns.campaign_id
    left join main_event_advertisers
        on
            campaign_ids.campaign_id = main_event_advertisers.campaign_id
            and main_event_advertisers.advertiser_rank = 1
    left join event_activity
        on campaign_ids.campaign_id = event_activity.campaign_id

)

select * from final
