{#- Whether an event puts a stamp on a punchcard (the first one after a completion starts a new
    card): the event catalogue's punchcard_step `stamp` (Punchcard Stamps Received, Manual Give
    Stamps), or membership in var wecheer_punchcard_stamp_events when a project lists the events
    itself. `catalog` is the alias of the catalogue seed, left-joined on the event name. -#}
{% macro wecheer_is_punchcard_stamp(catalog, event_name) -%}
    {%- set events = var('wecheer_punchcard_stamp_events', none) -%}
    {%- if events is none -%}
        coalesce({{ catalog }}.punchcard_step = 'stamp', false)
    {%- else -%}
        {{ event_name }} in {{ wecheer.wecheer_sql_list(events) }}
    {%- endif -%}
{%- endmacro %}
