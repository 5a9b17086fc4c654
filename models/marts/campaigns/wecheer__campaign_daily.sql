{#- Per campaign and day: participants, new participants, receipt scans and their results,
    punchcards completed, rewards and redemptions. Each measure is counted on the day its event
    happened (event_at, UTC) and the measures are stacked (union all) and summed, so a day with
    any measure has a row and no join can multiply rows. Which events are rewards and which are
    redemptions is the event catalogue's campaign_measure. -#}

{%- set measures = [
    'participants', 'new_participants', 'scans', 'accepted', 'rewarded', 'fraud',
    'punchcards_completed', 'rewards', 'redemptions',
] -%}

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

stacked as (

    select
        campaign_id,
        activity_on,
        {{ wecheer_stack_measures(measures, {'participants': 'count(*)'}) }}
    from activity_days
    group by 1, 2

    union all

    select
        campaign_id,
        cast({{ dbt.date_trunc('day', 'joined_at') }} as date) as activity_on,
        {{ wecheer_stack_measures(measures, {'new_participants': '1'}) }}
    from participants

    union all

    select
        campaign_id,
        cast({{ dbt.date_trunc('day', 'scanned_at') }} as date) as activity_on,
        {{ wecheer_stack_measures(measures, {'scans': '1'}) }}
    from receipts

    union all

    select
        campaign_id,
        cast({{ dbt.date_trunc('day', 'accepted_at') }} as date) as activity_on,
        {{ wecheer_stack_measures(measures, {'accepted': '1'}) }}
    from receipts
    where is_accepted

    union all

    select
        campaign_id,
        cast({{ dbt.date_trunc('day', 'outcome_at') }} as date) as activity_on,
        {{ wecheer_stack_measures(measures, {'rewarded': '1'}) }}
    from receipts
    where outcome = 'rewarded'

    union all

    select
        campaign_id,
        cast({{ dbt.date_trunc('day', 'outcome_at') }} as date) as activity_on,
        {{ wecheer_stack_measures(measures, {'fraud': '1'}) }}
    from receipts
    where outcome = 'fraud'

    union all

    select
        campaign_id,
        cast({{ dbt.date_trunc('day', 'completed_at') }} as date) as activity_on,
        {{ wecheer_stack_measures(measures, {'punchcards_completed': '1'}) }}
    from punchcards
    where is_completed

    union all

    select
        events.campaign_id,
        cast({{ dbt.date_trunc('day', 'events.event_at') }} as date) as activity_on,
        {{ wecheer_stack_measures(measures, {
            'rewards': "case when event_catalog.campaign_measure = 'rewards' then 1 else 0 end",
            'redemptions': "case when event_catalog.campaign_measure = 'redemptions' then 1 else 0 end",
        }) }}
    from events
    inner join event_catalog
        on events.event_name = event_catalog.event_name
    where
        events.campaign_id is not null
        and event_catalog.campaign_measure is not null

),

daily as (

    select
        campaign_id,
        activity_on,
        {% for measure in measures %}
        cast(sum({{ measure }}) as {{ dbt.type_bigint() }}) as {{ measure }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from stacked
    group by 1, 2

),

final as (

    select
        daily.campaign_id,
        campaign_advertisers.advertiser_id,
        daily.activity_on,
        {% for measure in measures %}
        daily.{{ measure }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from daily
    left join campaign_advertisers
        on daily.campaign_id = campaign_advertisers.campaign_id

)

select * from final
