{#- dbt-duckdb's column lookup with every part of the relation's name escaped: its own version
    renders the name unescaped inside DESCRIBE, so a table named to close the quote ran its own
    SQL. Active through the same `dispatch` order as duckdb__list_relations_without_caching. -#}
{% macro duckdb__get_columns_in_relation(relation) -%}
    {%- set parts = [] -%}
    {%- for part in ['database', 'schema', 'identifier'] -%}
        {%- if relation[part] and relation.include_policy[part] -%}
            {%- do parts.append(wecheer.wecheer_quote_identifier(relation[part])) -%}
        {%- endif -%}
    {%- endfor -%}
    {% call statement('get_columns_in_relation', fetch_result=True) %}
        select
            column_name,
            column_type as data_type,
            cast(null as bigint) as character_maximum_length,
            cast(null as bigint) as numeric_precision,
            cast(null as bigint) as numeric_scale
        from (describe {{ parts | join('.') }})
    {% endcall %}
    {% set table = load_result('get_columns_in_relation').table %}
    {{ return(sql_convert_columns_in_relation(table)) }}
{% endmacro %}
