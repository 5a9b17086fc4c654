{{
    config(**wecheer_incremental_config(
        unique_key=['campaign_id', 'activity_on'],
        post_hook=([] if target.type == 'spark' else [
            "delete from {{ this }} where participants = 0 and new_participants = 0 and scans = 0"
            ~ " and accepted = 0 and rewarded = 0 and fraud = 0 and punchcards_completed = 0"
            ~ " and rewards = 0 and redemptions = 0"]),
    ))
}}
{#- Per campaign and day: participants, new participants, receipt scans and their results,
    punchcards completed, rewards and redemptions. Each measure is counted on the day its event
    happened (event_at, UTC) and the measures are stacked (union all) and summed, so a day with
    any measure has a row and no join can multiply rows. Which events are rewards and which are
    redemptions is the event catalogue's campaign_measure.
    Incremental by campaign and day: a build recomputes, for each campaign with events loaded
    since its window start, every day from the first one those events can change
    (wecheer_touched_campaign_days); the days it had before in that range are rewritten too,
    as zeros when nothing is left, and the post-hook removes all-zero days (a no-op on a full
    build). last_loaded_at: the latest load time of the campaign's events that day (a watermark). -#}

{%- set measures = [
    'participants', 'new_participants', 'scans', 'accepted', 'rewarded', 'fraud',
    'punchcards_completed', 'rewards', 'redemptions',
] -%}
{%- set start = wecheer_incremental_start(this, 'last_loaded_at') if is_incremental() else none %}

with

events as (

    select * from {{ ref('wecheer__events') }}

),

-- the seed itself rather than its staging view: a unit test that gives no catalogue rows reads
-- the seed's file
event_catalog as (

    select * from {{ ref('wecheer_event_catalog') }}

),

activity_days as (

    select * from {{ ref('int_wecheer__campaign_activity_days') }}

),

participants as (

    select * from {{ ref('int_wecheer__campaign_participants') }}

),

receipts as (

    select * from {{ ref('wecheer__receipts') }}

),

punchcards as (

    select * from {{ ref('wecheer__punchcards') }}

),

campaign_advertisers as (

    select * from {{ ref('int_wecheer__campaign_advertisers') }}

),

{% if is_incremental() %}
    touched_campaigns as (

        {{ wecheer_touched_campaign_days('events', start) }}

    ),
{% endif %}

stacked as (

    select
        activity_days.campaign_id,
        activity_days.activity_on,
        {{ wecheer_stack_measures(measures, {'participants': 'count(*)'}) }},
        max(activity_days.last_loaded_at) as last_loaded_at
    from activity_days
    {{ wecheer_join_touched_days('activity_days', 'activity_days.activity_on') }}
    group by 1, 2

    union all

    select
        participants.campaign_id,
        cast({{ dbt.date_trunc('day', 'participants.joined_at') }} as date) as activity_on,
        {{ wecheer_stack_measures(measures, {'new_participants': '1'}) }},
        -- a stream's, attempt's or card's load time moves on with its later events, so only the
        -- events of the day itself give the day's load time
        cast(null as {{ dbt.type_timestamp() }}) as last_loaded_at
    from participants
    {{ wecheer_join_touched_days('participants', 'participants.joined_at') }}
    where participants.joined_at is not null

    union all

    select
        receipts.campaign_id,
        cast({{ dbt.date_trunc('day', 'receipts.scanned_at') }} as date) as activity_on,
        {{ wecheer_stack_measures(measures, {'scans': '1'}) }},
        cast(null as {{ dbt.type_timestamp() }}) as last_loaded_at
    from receipts
    {{ wecheer_join_touched_days('receipts', 'receipts.scanned_at') }}

    union all

    select
        receipts.campaign_id,
        cast({{ dbt.date_trunc('day', 'receipts.accepted_at') }} as date) as activity_on,
        {{ wecheer_stack_measures(measures, {'accepted': '1'}) }},
        cast(null as {{ dbt.type_timestamp() }}) as last_loaded_at
    from receipts
    {{ wecheer_join_touched_days('receipts', 'receipts.accepted_at') }}
    where receipts.is_accepted

    union all

    select
        receipts.campaign_id,
        cast({{ dbt.date_trunc('day', 'receipts.outcome_at') }} as date) as activity_on,
        {{ wecheer_stack_measures(measures, {'rewarded': '1'}) }},
        cast(null as {{ dbt.type_timestamp() }}) as last_loaded_at
    from receipts
    {{ wecheer_join_touched_days('receipts', 'receipts.outcome_at') }}
    where receipts.outcome = 'rewarded'

    union all

    select
        receipts.campaign_id,
        cast({{ dbt.date_trunc('day', 'receipts.outcome_at') }} as date) as activity_on,
        {{ wecheer_stack_measures(measures, {'fraud': '1'}) }},
        cast(null as {{ dbt.type_timestamp() }}) as last_loaded_at
    from receipts
    {{ wecheer_join_touched_days('receipts', 'receipts.outcome_at') }}
    where receipts.outcome = 'fraud'

    union all

    select
        punchcards.campaign_id,
        cast({{ dbt.date_trunc('day', 'punchcards.completed_at') }} as date) as activity_on,
        {{ wecheer_stack_measures(measures, {'punchcards_completed': '1'}) }},
        cast(null as {{ dbt.type_timestamp() }}) as last_loaded_at
    from punchcards
    {{ wecheer_join_touched_days('punchcards', 'punchcards.completed_at') }}
    where punchcards.is_completed

    union all

    select
        events.campaign_id,
        cast({{ dbt.date_trunc('day', 'events.event_at') }} as date) as activity_on,
        {{ wecheer_stack_measures(measures, {
            'rewards': "case when event_catalog.campaign_measure = 'rewards' then 1 else 0 end",
            'redemptions': "case when event_catalog.campaign_measure = 'redemptions' then 1 else 0 end",
        }) }},
        events.loaded_at as last_loaded_at
    from events
    inner join event_catalog
        on events.event_name = event_catalog.event_name
    {{ wecheer_join_touched_days('events', 'events.event_at') }}
    where
        events.campaign_id is not null
        and event_catalog.campaign_measure is not null

    {% if is_incremental() %}
        union all

        -- the days already here that are recomputed: zeros unless a measure is still counted
        select
            this_mart.campaign_id,
            this_mart.activity_on,
            {{ wecheer_stack_measures(measures, {}) }},
            cast(null as {{ dbt.type_timestamp() }}) as last_loaded_at
        from {{ this }} as this_mart
        {{ wecheer_join_touched_days('this_mart', 'this_mart.activity_on') }}
    {% endif %}

),

daily as (

    select
        campaign_id,
        activity_on,
        {% for measure in measures %}
        cast(sum({{ measure }}) as {{ dbt.type_bigint() }}) as {{ measure }},
        {% endfor %}
        max(last_loaded_at) as last_loaded_at
    from stacked
    group by 1, 2

),

final as (

    select
        daily.campaign_id,
        campaign_advertisers.advertiser_id,
        daily.activity_on,
        {% for measure in measures %}
        daily.{{ measure }},
        {% endfor %}
        daily.last_loaded_at
    from daily
    left join campaign_advertisers
        on daily.campaign_id = campaign_advertisers.campaign_id

)

select * from final
