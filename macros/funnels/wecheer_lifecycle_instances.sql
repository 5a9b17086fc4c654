{#- One row per occurrence of `start_event`, with the first time each later step happened before
    the same user's next `start_event` in the same campaign (and, if `window_hours` is given,
    within that many hours of the start). One window pass over the user/campaign stream numbers
    the instances, one GROUP BY folds the steps into `<step>_at` columns: no self-join.
    `steps` is an ordered list of (step_name, [event names]); events of the same second are
    ordered start first, then by step order, then by event_id. Used by the lifecycle marts
    (safe boxes, manual verifications, games, levels). In an incremental build only the streams
    with one of these events loaded since the model's window start are rebuilt
    (wecheer_touched_streams); `last_loaded_at` is each instance's latest load time. -#}
{% macro wecheer_lifecycle_instances(events, start_event, steps, id_column, start_column, window_hours=none) -%}
    {%- set lifecycle_event_names = wecheer.wecheer_lifecycle_event_names(start_event, steps) -%}

{% if is_incremental() %}
lifecycle_touched_streams as (

    {{ wecheer.wecheer_touched_streams(events, lifecycle_event_names, wecheer.wecheer_incremental_start(this, 'last_loaded_at')) }}

),
{% endif %}

lifecycle_events as (

    {{ wecheer.wecheer_lifecycle_events(events, start_event, steps,
        'lifecycle_touched_streams' if is_incremental() else none) }}

),

lifecycle_sequenced as (

    select
        *,
        count(case when step = 'start' then 1 end) over stream as instance_number,
        max(case when step = 'start' then event_at end) over stream as instance_started_at
    from lifecycle_events
    window stream as (
        partition by user_id, campaign_id
        order by event_at, causal_rank, event_id
    )

),

lifecycle_instances as (

    select
        max(case when step = 'start' then event_id end) as {{ id_column }},
        user_id,
        max(case when step = 'start' then advertiser_id end) as advertiser_id,
        campaign_id,
        instance_number,
        max(instance_started_at) as {{ start_column }},
        max(loaded_at) as last_loaded_at
        {%- for step_name, names in steps %},
        min(case when step = '{{ step_name }}' then event_at end) as {{ step_name }}_at
        {%- endfor %}
    from lifecycle_sequenced
    where
        instance_number > 0
        {%- if window_hours is not none %}
        and event_at <= {{ dbt.dateadd('hour', window_hours, 'instance_started_at') }}
        {%- endif %}
    group by user_id, campaign_id, instance_number

)
{%- endmacro %}
