{#- The latest of some nullable timestamps, null only when all are null (greatest() returns null
    as soon as one argument is null on Spark, and skips nulls elsewhere: the coalesces make it
    the same everywhere). -#}
{% macro wecheer_greatest_timestamp(expressions) %}
    {%- set parts = [] -%}
    {%- for expression in expressions -%}
        {%- do parts.append('coalesce(' ~ expression ~ ', ' ~ (expressions | join(', ')) ~ ')') -%}
    {%- endfor -%}
    {{- return('greatest(' ~ parts | join(', ') ~ ')') -}}
{% endmacro %}
