{#- Whether an event rewards an accepted receipt (the attempt's outcome is then `rewarded`): the
    event catalogue's is_receipt_reward, or membership in var wecheer_receipt_reward_events when
    a project lists the events itself. `catalog` is the alias of the catalogue seed, left-joined
    on the event name. -#}
{% macro wecheer_is_receipt_reward(catalog, event_name) -%}
    {%- set events = var('wecheer_receipt_reward_events', none) -%}
    {%- if events is none -%}
        coalesce({{ catalog }}.is_receipt_reward, false)
    {%- else -%}
        {{ event_name }} in {{ wecheer.wecheer_sql_list(events) }}
    {%- endif -%}
{%- endmacro %}
