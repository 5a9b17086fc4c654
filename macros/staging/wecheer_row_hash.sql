{#
    A hash of a row's columns, as a string: the last dedup tie-break, and a public column of
    wecheer__events and wecheer__event_duplicates. md5 of the columns cast to strings and joined
    with '|' (nulls as '<null>') on every engine, so the value and the row kept among exact ties
    are the same on DuckDB, PostgreSQL and the rest. (DuckDB's own hash() was faster but its
    values exist only on DuckDB.)
#}
{% macro wecheer_row_hash(columns) %}
    {{ return(adapter.dispatch('wecheer_row_hash', 'wecheer')(columns)) }}
{% endmacro %}


{% macro default__wecheer_row_hash(columns) %}
    {#- concat_ws: the same string as a chain of || (every part is non-null), about a third cheaper on DuckDB -#}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- do parts.append("coalesce(cast(" ~ column ~ " as " ~ wecheer.wecheer_type('string') ~ "), '<null>')") -%}
    {%- endfor -%}
    {{- dbt.hash("concat_ws('|', " ~ parts | join(', ') ~ ")") -}}
{%- endmacro %}
