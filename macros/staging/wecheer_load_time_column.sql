{#- The raw column that records when the warehouse loaded a row (var wecheer_load_time_column:
    Segment's `uuid_ts`, BigQuery's `loaded_at`), lower case. Incremental builds follow it. -#}
{% macro wecheer_load_time_column() %}
    {%- set name = var('wecheer_load_time_column', 'uuid_ts') -%}
    {%- if name is not string or not name -%}
        {{ exceptions.raise_compiler_error("var wecheer_load_time_column must be a column name, got " ~ name) }}
    {%- endif -%}
    {{ return(name | lower) }}
{% endmacro %}
