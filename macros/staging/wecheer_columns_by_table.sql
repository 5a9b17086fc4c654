{#
    The columns of every table in one schema from one metadata query, as
    {lower-cased table name: {lower-cased column name: {'name': column name, 'type': type}}}
    (types lower case, in DuckDB's vocabulary: wecheer_type_name); {} when the schema does not
    exist. One query instead of one per event table, and never dbt's own per-relation column
    lookup, which pastes the table name into SQL unescaped.
#}
{% macro wecheer_columns_by_table(database, schema) %}
    {{ return(adapter.dispatch('wecheer_columns_by_table', 'wecheer')(database, schema)) }}
{% endmacro %}

{% macro default__wecheer_columns_by_table(database, schema) %}
    {% if not execute %}
        {{ return({}) }}
    {% endif %}
    {% set query %}
        select table_name, column_name, data_type
        from information_schema.columns
        where lower(table_schema) = lower({{ wecheer.wecheer_string_literal(schema) }})
            {% if database %}
                and lower(table_catalog) = lower({{ wecheer.wecheer_string_literal(database) }})
            {% endif %}
        order by table_name, ordinal_position
    {% endset %}
    {% set by_table = {} %}
    {% for row in run_query(query).rows %}
        {% do by_table.setdefault(row[0] | lower, {}).update(
            {row[1] | lower: {'name': row[1], 'type': wecheer.wecheer_type_name(row[2])}}) %}
    {% endfor %}
    {{ return(by_table) }}
{% endmacro %}

{#
    Spark has no information_schema: `show table extended` describes every table of the schema in
    one statement (a tree per table: "Schema: root", then " |-- name: type (nullable = ...)").
#}
{% macro spark__wecheer_columns_by_table(database, schema) %}
    {% if not execute %}
        {{ return({}) }}
    {% endif %}
    {% set schemas = run_query('show schemas').columns[0].values() | map('lower') | list %}
    {% if schema | lower not in schemas %}
        {{ return({}) }}
    {% endif %}
    {% set by_table = {} %}
    {% set tables = run_query('show table extended in ' ~ wecheer.wecheer_quote_identifier(schema) ~ " like '*'") %}
    {% for row in tables.rows if not row['isTemporary'] %}
        {% set columns = {} %}
        {% for line in row['information'].split('\n') if line.startswith(' |-- ') %}
            {% set name, rest = line[5:].rsplit(': ', 1) %}
            {% do columns.update({name | lower: {'name': name, 'type': wecheer.wecheer_type_name(rest.split(' (')[0])}}) %}
        {% endfor %}
        {% do by_table.update({row['tableName'] | lower: columns}) %}
    {% endfor %}
    {{ return(by_table) }}
{% endmacro %}
