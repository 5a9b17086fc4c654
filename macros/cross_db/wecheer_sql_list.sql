{# A quoted, comma-separated SQL list of strings: ('a', 'b'). #}
{% macro wecheer_sql_list(values) -%}
    ({%- for value in values -%}
        '{{ value | replace("'", "''") }}'{{ ", " if not loop.last }}
    {%- endfor -%})
{%- endmacro %}
