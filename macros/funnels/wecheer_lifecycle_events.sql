{#- The events of a lifecycle (macro wecheer_lifecycle_instances) from `events`, each with its
    `step` ('start' for `start_event`, else the name of its step in `steps`) and its
    `causal_rank` (0 for the start, then the step's position), when it has a user and a campaign
    id; only the streams of the CTE `touched` when it is given (wecheer_is_touched_stream). -#}
{% macro wecheer_lifecycle_events(events, start_event, steps, touched=none) -%}
    select
        event_id,
        user_id,
        advertiser_id,
        campaign_id,
        event_at,
        loaded_at,
        case
            when event_name = '{{ start_event }}' then 'start'
            {%- for step_name, names in steps %}
            when event_name in {{ wecheer.wecheer_sql_list(names) }} then '{{ step_name }}'
            {%- endfor %}
        end as step,
        case
            when event_name = '{{ start_event }}' then 0
            {%- for step_name, names in steps %}
            when event_name in {{ wecheer.wecheer_sql_list(names) }} then {{ loop.index }}
            {%- endfor %}
        end as causal_rank
    from {{ events }}
    where
        event_name in {{ wecheer.wecheer_sql_list(wecheer.wecheer_lifecycle_event_names(start_event, steps)) }}
        {%- if touched is none %}
        and user_id is not null
        and campaign_id is not null
        {%- else %}
        {#- the stream hash is null without a user or campaign #}
        and {{ wecheer.wecheer_is_touched_stream(touched) }}
        {%- endif %}

{%- endmacro %}


{#- The event names of a lifecycle: `start_event`, then every event of `steps` (a list of
    (step_name, [event names])) in order. -#}
{% macro wecheer_lifecycle_event_names(start_event, steps) %}
    {%- set names = [start_event] -%}
    {%- for step_name, step_events in steps -%}
        {%- do names.extend(step_events) -%}
    {%- endfor -%}
    {{ return(names) }}
{% endmacro %}
