{{ config(**wecheer_incremental_config(unique_key=['campaign_id', 'advertiser_id'])) }}
{#- One row per campaign and advertiser id carried together by events: how many events carry
    both. Incremental: the pairs on events loaded since the window start are recounted. -#}
{%- set start = wecheer_incremental_start(this, 'last_loaded_at') if is_incremental() else none %}

with

events as (

    select * from {{ ref('wecheer__events') }}

),

{% if is_incremental() %}
    touched_pairs as (

        {{ wecheer_touched_keys(ref('wecheer__events'), ['campaign_id', 'advertiser_id'], start) }}

    ),
{% endif %}

final as (

    select
        campaign_id,
        advertiser_id,
        count(*) as events,
        max(loaded_at) as last_loaded_at
    from events
    where
        campaign_id is not null
        and advertiser_id is not null
    {% if is_incremental() %}
            and {{ wecheer_is_touched_stream('touched_pairs', keys=['campaign_id', 'advertiser_id']) }}
        {% endif %}
    group by 1, 2

)

select * from final
