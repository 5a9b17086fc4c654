{#- Per campaign, join week and weeks since joining: how many of the users who joined the
    campaign that week (first event carrying its id) were active in it (any event carrying its
    id) that many weeks later. Weeks start on Monday (date_trunc('week'), the same on DuckDB,
    PostgreSQL and Spark). -#}

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

joined as (

    select
        campaign_id,
        user_id,
        cast({{ dbt.date_trunc('week', 'joined_at') }} as date) as join_week
    from participants

),

active_weeks as (

    select distinct
        campaign_id,
        user_id,
        cast({{ dbt.date_trunc('week', 'activity_on') }} as date) as activity_week
    from activity_days

),

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
        count(*) as active_participants
    from joined
    inner join active_weeks
        on
            joined.campaign_id = active_weeks.campaign_id
            and joined.user_id = active_weeks.user_id
    group by 1, 2, 3

),

final as (

    select
        cohort_activity.campaign_id,
        campaign_advertisers.advertiser_id,
        cohort_activity.join_week,
        cohort_activity.weeks_since_joining,
        cohort_sizes.cohort_participants,
        cohort_activity.active_participants,
        {{ wecheer_ratio('cohort_activity.active_participants', 'cohort_sizes.cohort_participants') }}
            as retention_rate
    from cohort_activity
    inner join cohort_sizes
        on
            cohort_activity.campaign_id = cohort_sizes.campaign_id
            and cohort_activity.join_week = cohort_sizes.join_week
    left join campaign_advertisers
        on cohort_activity.campaign_id = campaign_advertisers.campaign_id

)

select * from final
