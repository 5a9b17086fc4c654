{{
    config(**wecheer_incremental_config(
        unique_key=none,
        incremental_strategy='wecheer_window',
        incremental_predicates=[wecheer_is_in_load_window('loaded_on', wecheer_incremental_start_sql(this, 'last_loaded_at'))],
    ))
}}
{#- One row per campaign and advertiser id carried together by events, and load day: how many
    events carry both. Counted by load day, so an incremental build counts only the events
    loaded since its window start and replaces those load days (the strategy wecheer_window);
    the counts of earlier loads never change. -#}
{%- set start = wecheer_incremental_start(this, 'last_loaded_at') if is_incremental() else none %}

with

events as (

    select * from {{ ref('wecheer__events') }}

),

final as (

    select
        campaign_id,
        advertiser_id,
        cast(loaded_at as date) as loaded_on,
        count(*) as events,
        max(loaded_at) as last_loaded_at
    from events
    where
        campaign_id is not null
        and advertiser_id is not null
    {{ wecheer_and_in_load_window('loaded_at', start) }}
    group by 1, 2, 3

)

select * from final
