{#- The events an analyst funnel (macro wecheer_funnel) reads, from the CTE or relation `events`:
    those of its `steps` (a declaration's steps) with a user id, and a campaign id when `entity`
    (the grouping columns: user_id, and campaign_id when the funnel is by campaign) holds it.
    When `start` is set (an incremental build), only the campaigns with a step event loaded
    since then (wecheer_is_in_load_window), each with all its events. -#}
{% macro wecheer_funnel_events(events, steps, entity, start=none) -%}
    {%- set event_names = [] -%}
    {%- for step in steps -%}
        {%- do event_names.append(step.event) -%}
    {%- endfor %}
    select
        {{ entity | join(', ') }},
        event_name,
        event_at,
        loaded_at
    from {{ events }}
    where
        user_id is not null
        {%- if 'campaign_id' in entity %}
        and campaign_id is not null
        {%- endif %}
        and event_name in {{ wecheer.wecheer_sql_list(event_names | unique | list) }}
        {%- if start is not none %}
        and campaign_id in (
            select touched.campaign_id from {{ events }} as touched
            where
                touched.event_name in {{ wecheer.wecheer_sql_list(event_names | unique | list) }}
                and {{ wecheer.wecheer_is_in_load_window('touched.loaded_at', start) }}
        )
        {%- endif %}
{%- endmacro %}
