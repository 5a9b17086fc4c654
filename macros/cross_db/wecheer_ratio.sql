{# numerator / denominator as a double, null when the denominator is 0 (integer division differs
   across engines, and dbt.type_float() is single precision on DuckDB). #}
{% macro wecheer_ratio(numerator, denominator) -%}
    {{ return(adapter.dispatch('wecheer_ratio', 'wecheer')(numerator, denominator)) }}
{%- endmacro %}


{% macro default__wecheer_ratio(numerator, denominator) -%}
    cast({{ numerator }} as double precision) / nullif({{ denominator }}, 0)
{%- endmacro %}


{% macro spark__wecheer_ratio(numerator, denominator) -%}
    cast({{ numerator }} as double) / nullif({{ denominator }}, 0)
{%- endmacro %}
