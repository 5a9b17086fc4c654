{#- The events an analyst funnel reads, from the relation `events`: those of its `steps` (a
    declaration's steps) with a user id, and a campaign id when `entity` (the stream's columns:
    user_id, and campaign_id when the funnel is by campaign) holds it. When `start` is set (an
    incremental build), only the streams with a step event loaded since then
    (wecheer_is_in_load_window), each with all its events: an inner join on the few touched
    streams (by campaign, on their stream_hash, as wecheer_touched_streams), which engines
    build on those streams and DuckDB also uses to skip other events while reading (an IN
    subquery let it build on the events instead). Pass a relation, not a CTE: it is read twice. -#}
{% macro wecheer_funnel_events(events, steps, entity, start=none) -%}
    {%- set event_names = [] -%}
    {%- for step in steps -%}
        {%- do event_names.append(step.event) -%}
    {%- endfor %}
    {%- set is_step_event = 'event_name in ' ~ wecheer.wecheer_sql_list(event_names | unique | list) -%}
    {%- set keys = ['stream_hash'] if 'campaign_id' in entity else entity %}
    {%- set has_entity -%}
        user_id is not null
        {%- if 'campaign_id' in entity %}
        and campaign_id is not null
        {%- endif %}
    {%- endset %}
    select
        {%- for column in entity %}
        events.{{ column }},
        {%- endfor %}
        events.event_name,
        events.event_at,
        events.loaded_at
    from {{ events }} as events
    {%- if start is not none %}
    inner join (
        select distinct {{ keys | join(', ') }} from {{ events }}
        where
            {{ has_entity }}
            and {{ is_step_event }}
            and {{ wecheer.wecheer_is_in_load_window('loaded_at', start) }}
    ) as touched_streams
        on
            {%- for key in keys %}
            events.{{ key }} = touched_streams.{{ key }}{{ ' and' if not loop.last }}
            {%- endfor %}
    where
        events.{{ is_step_event }}
    {%- else %}
    where
        {{ has_entity }}
        and {{ is_step_event }}
    {%- endif %}
{%- endmacro %}
