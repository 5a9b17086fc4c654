{#- A table declared in the sources (lineage through source()) found in the warehouse by the
    escaped listing of wecheer_optional_relation, or none when it does not exist: dbt's own
    lookup (load_relation) pastes the schema name into SQL unescaped. -#}
{% macro wecheer_source_table(source_name, table_name) %}
    {%- set declared = source(source_name, table_name) -%}
    {{ return(wecheer.wecheer_optional_relation(declared.database, declared.schema, declared.identifier)) }}
{% endmacro %}
