{#- dbt-duckdb's relation listing with the schema and database names escaped: its own version
    pastes them into a string literal, so a schema named in a var could close the quote. Used
    when dbt's `dispatch` puts this package before dbt for the `dbt` namespace (dbt_project.yml;
    README for a team's project). -#}
{% macro duckdb__list_relations_without_caching(schema_relation) %}
    {% call statement('list_relations_without_caching', fetch_result=True) -%}
        select
            {{ wecheer.wecheer_string_literal(schema_relation.database) }} as database,
            table_name as name,
            table_schema as schema,
            case table_type
                when 'BASE TABLE' then 'table'
                when 'VIEW' then 'view'
                when 'LOCAL TEMPORARY' then 'table'
            end as type
        from system.information_schema.tables
        where
            lower(table_schema) = lower({{ wecheer.wecheer_string_literal(schema_relation.schema) }})
            and lower(table_catalog) = lower({{ wecheer.wecheer_string_literal(schema_relation.database) }})
    {% endcall %}
    {{ return(load_result('list_relations_without_caching').table) }}
{% endmacro %}
