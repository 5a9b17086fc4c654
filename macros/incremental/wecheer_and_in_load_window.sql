{#- `and` the condition wecheer_is_in_load_window(column, start) when `start` is set (an
    incremental build: `start` from wecheer_incremental_start), nothing when it is none (a full
    build reads every row): one line for the usual filter of an incremental model. -#}
{% macro wecheer_and_in_load_window(column, start) %}
    {%- if start is not none -%}
        and {{ wecheer.wecheer_is_in_load_window(column, start) }}
    {%- endif -%}
{% endmacro %}
