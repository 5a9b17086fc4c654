{#- The events an analyst funnel reads, from the relation `events`: those of its `steps` (a
    declaration's steps) with a user id, and a campaign id when `entity` (the stream's columns:
    user_id, and campaign_id when the funnel is by campaign) holds it. When `start` is set (an
    incremental build), only the streams with a step event loaded since then
    (wecheer_is_in_load_window), each with all its events. Pass a relation, not a CTE: it is
    read twice. -#}
{% macro wecheer_funnel_events(events, steps, entity, start=none) -%}
    {%- set event_names = [] -%}
    {%- for step in steps -%}
        {%- do event_names.append(step.event) -%}
    {%- endfor %}
    {%- set where_step_event -%}
        user_id is not null
        {%- if 'campaign_id' in entity %}
        and campaign_id is not null
        {%- endif %}
        and event_name in {{ wecheer.wecheer_sql_list(event_names | unique | list) }}
    {%- endset %}
    select
        {{ entity | join(', ') }},
        event_name,
        event_at,
        loaded_at
    from {{ events }}
    where
        {{ where_step_event }}
        {%- if start is not none %}
        and ({{ entity | join(', ') }}) in (
            select {{ entity | join(', ') }} from {{ events }}
            where
                {{ where_step_event }}
                and {{ wecheer.wecheer_is_in_load_window('loaded_at', start) }}
        )
        {%- endif %}
{%- endmacro %}
