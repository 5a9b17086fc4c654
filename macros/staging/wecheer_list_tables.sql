{# Names of the tables and views in one schema, found at run time; [] when the schema does not exist. #}
{% macro wecheer_list_tables(database, schema) %}
    {{ return(adapter.dispatch('wecheer_list_tables', 'wecheer')(database, schema)) }}
{% endmacro %}


{% macro default__wecheer_list_tables(database, schema) %}
    {% if not execute %}
        {{ return([]) }}
    {% endif %}
    {% set query %}
        select table_name
        from information_schema.tables
        where lower(table_schema) = lower({{ wecheer.wecheer_string_literal(schema) }})
            {% if database %}
                and lower(table_catalog) = lower({{ wecheer.wecheer_string_literal(database) }})
            {% endif %}
        order by table_name
    {% endset %}
    {{ return(run_query(query).columns[0].values() | list) }}
{% endmacro %}


{% macro spark__wecheer_list_tables(database, schema) %}
    {% if not execute %}
        {{ return([]) }}
    {% endif %}
    {% set schemas = run_query('show schemas').columns[0].values() | map('lower') | list %}
    {% if schema | lower not in schemas %}
        {{ return([]) }}
    {% endif %}
    {% set tables = run_query('show tables in ' ~ wecheer.wecheer_quote_identifier(schema)) %}
    {#- a session's temporary views (dbt-spark's __dbt_tmp) are listed in every schema: not the source's -#}
    {%- set names = [] -%}
    {%- for row in tables.rows if not row['isTemporary'] -%}
        {%- do names.append(row['tableName']) -%}
    {%- endfor -%}
    {{ return(names) }}
{% endmacro %}
