{{
    config(**wecheer_incremental_config(
        unique_key=['campaign_id', 'join_week', 'weeks_since_joining'],
            post_hook=([] if target.type == 'spark' else [
                "delete from {{ this }} where active_participants = 0"]),
    ))
}}
{#- Per campaign, join week and weeks since joining: how many of the users who joined the
    campaign that week (first plausible event carrying its id) were active in it (any event
    carrying its id) that many weeks later. Weeks start on Monday (date_trunc('week'), the same
    on DuckDB, PostgreSQL and Spark).
    Incremental by cell: for each campaign with events loaded since the window start, a build
    recomputes every cell of the cohorts that joined from the week of the earliest of those
    events (a join can only move to that week or later), and, for older cohorts, the cells of
    the weeks those events happened in. Cells it had before among them are rewritten too (as
    zeros when nobody is left; the post-hook removes them, a no-op on a full build). -#}
-- depends_on: {{ ref('wecheer__events') }}
{%- set start = wecheer_incremental_start(this, 'last_loaded_at') if is_incremental() else none %}

with

participants as (

    select * from {{ ref('int_wecheer__campaign_participants') }}

),

activity_days as (

    select * from {{ ref('int_wecheer__campaign_activity_days') }}

),

campaign_advertisers as (

    select * from {{ ref('int_wecheer__campaign_advertisers') }}

),

{% if is_incremental() %}
    batch as (

        select
            campaign_id,
            user_id,
            cast({{ dbt.date_trunc('week', 'event_at') }} as date) as activity_week
        from {{ ref('wecheer__events') }}
        where
            campaign_id is not null
            and user_id is not null
            and is_event_at_plausible
            and {{ wecheer_is_in_load_window('loaded_at', start) }}

    ),

    touched_campaigns as (

        select
            campaign_id,
            min(activity_week) as recompute_from
        from batch
        group by 1

    ),
{% endif %}

joined as (

    select
        participants.campaign_id,
        participants.user_id,
        cast({{ dbt.date_trunc('week', 'participants.joined_at') }} as date) as join_week
    from participants
    {% if is_incremental() %}
        inner join touched_campaigns
            on participants.campaign_id = touched_campaigns.campaign_id
    {% endif %}
    where participants.joined_at is not null

),

active_weeks as (

    select
        activity_days.campaign_id,
        activity_days.user_id,
        cast({{ dbt.date_trunc('week', 'activity_days.activity_on') }} as date) as activity_week,
        max(activity_days.last_loaded_at) as last_loaded_at
    from activity_days
    {{ wecheer_join_touched_days('activity_days', 'activity_days.activity_on') }}
    group by 1, 2, 3

),

{% if is_incremental() %}
    -- older cohorts: only the weeks the loaded events happened in
    touched_cells as (

        select distinct
            batch.campaign_id,
            joined.join_week,
            batch.activity_week
        from batch
        inner join joined
            on
                batch.campaign_id = joined.campaign_id
                and batch.user_id = joined.user_id

    ),
{% endif %}

cohort_sizes as (

    select
        campaign_id,
        join_week,
        count(*) as cohort_participants
    from joined
    group by 1, 2

),

cohort_activity as (

    select
        joined.campaign_id,
        joined.join_week,
        {{ dbt.datediff('joined.join_week', 'active_weeks.activity_week', 'week') }}
            as weeks_since_joining,
        count(*) as active_participants,
        max(active_weeks.last_loaded_at) as last_loaded_at
    from joined
    inner join active_weeks
        on
            joined.campaign_id = active_weeks.campaign_id
            and joined.user_id = active_weeks.user_id
    {% if is_incremental() %}
        inner join touched_campaigns
            on joined.campaign_id = touched_campaigns.campaign_id
        where
            joined.join_week >= touched_campaigns.recompute_from
            or (joined.campaign_id, joined.join_week, active_weeks.activity_week) in (
                select touched_cells.campaign_id, touched_cells.join_week, touched_cells.activity_week
                from touched_cells
            )
    {% endif %}
    group by 1, 2, 3

),

{% if is_incremental() %}
    -- the recomputed cells already here: zeros unless someone is still active in them
    recomputed_cells as (

        select
            cohort_activity.campaign_id,
            cohort_activity.join_week,
            cohort_activity.weeks_since_joining,
            cohort_activity.active_participants,
            cohort_activity.last_loaded_at
        from cohort_activity
        union all
        select
            this_mart.campaign_id,
            this_mart.join_week,
            this_mart.weeks_since_joining,
            0 as active_participants,
            cast(null as {{ dbt.type_timestamp() }}) as last_loaded_at
        from {{ this }} as this_mart
        inner join touched_campaigns
            on this_mart.campaign_id = touched_campaigns.campaign_id
        where
            this_mart.join_week >= touched_campaigns.recompute_from
            or (
                this_mart.campaign_id,
                this_mart.join_week,
                {{ dbt.dateadd('week', 'this_mart.weeks_since_joining', 'this_mart.join_week') }}
            ) in (
                select touched_cells.campaign_id, touched_cells.join_week, touched_cells.activity_week
                from touched_cells
            )

    ),

    cells as (

        select
            campaign_id,
            join_week,
            weeks_since_joining,
            sum(active_participants) as active_participants,
            max(last_loaded_at) as last_loaded_at
        from recomputed_cells
        group by 1, 2, 3

    ),
{% else %}
cells as (

    select * from cohort_activity

),
{% endif %}

final as (

    select
        cells.campaign_id,
        campaign_advertisers.advertiser_id,
        cells.join_week,
        cells.weeks_since_joining,
        coalesce(cohort_sizes.cohort_participants, 0) as cohort_participants,
        cast(cells.active_participants as {{ dbt.type_bigint() }}) as active_participants,
        {{ wecheer_ratio('cells.active_participants', 'cohort_sizes.cohort_participants') }}
            as retention_rate,
        cells.last_loaded_at
    from cells
    left join cohort_sizes
        on
            cells.campaign_id = cohort_sizes.campaign_id
            and cells.join_week = cohort_sizes.join_week
    left join campaign_advertisers
        on cells.campaign_id = campaign_advertisers.campaign_id

)

select * from final
