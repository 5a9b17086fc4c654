{#- A filter of an incremental model's import to the keys it recomputes: `keyword` ('where' or
    'and') then `column` in the CTE `touched` (which has a column of the same name), when
    `start` is set (an incremental build: wecheer_incremental_start); nothing when it is none. -#}
{% macro wecheer_where_touched(column, touched, start, keyword='where') %}
    {%- if start is not none -%}
        {{ keyword }} {{ column }} in (select {{ touched }}.{{ column }} from {{ touched }})
    {%- endif -%}
{% endmacro %}
