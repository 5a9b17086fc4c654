{# Maps a short type name used in the column specs to the engine's type, through dbt's cross-db type macros. #}
{% macro wecheer_type(kind) %}
    {%- set kinds = {
        'string': dbt.type_string(),
        'bigint': dbt.type_bigint(),
        'integer': dbt.type_int(),
        'timestamp': dbt.type_timestamp(),
        'boolean': dbt.type_boolean(),
        'numeric': dbt.type_numeric(),
        'date': 'date',
    } -%}
    {%- if kind not in kinds -%}
        {{ exceptions.raise_compiler_error("wecheer_type: unknown type '" ~ kind ~ "'") }}
    {%- endif -%}
    {{- return(kinds[kind]) -}}
{% endmacro %}
