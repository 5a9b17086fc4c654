{# Hours an attempt stays open after its Scan Receipt (unless the next scan comes first). #}
{% macro wecheer_receipt_window_hours() -%}
    {%- set hours = var('wecheer_receipt_window_hours') -%}
    {%- if hours is not number or hours <= 0 -%}
        {{ exceptions.raise_compiler_error(
            "var wecheer_receipt_window_hours must be a positive number of hours, got " ~ hours) }}
    {%- endif -%}
    {{ return(hours) }}
{%- endmacro %}
