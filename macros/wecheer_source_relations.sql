{# Segment's own tables in a source schema; every other table there is an event table. #}
{% macro wecheer_segment_tables() %}
    {{ return(['tracks', 'identifies', 'users', 'pages', 'screens', 'groups', 'accounts', 'aliases']) }}
{% endmacro %}


{# The database of the raw source: the var, else the target's database. #}
{% macro wecheer_source_database() %}
    {{ return(var('wecheer_database', none) or target.database or none) }}
{% endmacro %}


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
        where lower(table_schema) = lower('{{ schema | replace("'", "''") }}')
            {% if database %}
                and lower(table_catalog) = lower('{{ database | replace("'", "''") }}')
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
    {% set tables = run_query('show tables in ' ~ adapter.quote(schema)) %}
    {{ return(tables.columns['tableName'].values() | list) }}
{% endmacro %}


{# The raw Segment event tables of the source: every table in the source schema but Segment's own, sorted by name. #}
{% macro wecheer_event_relations() %}
    {% set database = wecheer_source_database() %}
    {% set schema = var('wecheer_schema') %}
    {% set relations = [] %}
    {% for name in wecheer_list_tables(database, schema) %}
        {% if name | lower not in wecheer_segment_tables() %}
            {% do relations.append(api.Relation.create(database=database, schema=schema, identifier=name, type='table')) %}
        {% endif %}
    {% endfor %}
    {{ return(relations) }}
{% endmacro %}


{# One table of a schema if it exists, else none (optional tables: identifies, users, reference data). #}
{% macro wecheer_optional_relation(database, schema, identifier) %}
    {% if not execute %}
        {{ return(none) }}
    {% endif %}
    {% for name in wecheer_list_tables(database, schema) %}
        {% if name | lower == identifier | lower %}
            {{ return(api.Relation.create(database=database, schema=schema, identifier=name, type='table')) }}
        {% endif %}
    {% endfor %}
    {{ return(none) }}
{% endmacro %}


{#
    The column names of every table in one schema from one metadata query, as
    {lower-cased table name: {lower-cased column name: column name}}; none where the engine
    has no information_schema (the union then asks per table). One query instead of one per
    event table saves about a second per build on DuckDB.
#}
{% macro wecheer_columns_by_table(database, schema) %}
    {{ return(adapter.dispatch('wecheer_columns_by_table', 'wecheer')(database, schema)) }}
{% endmacro %}

{% macro default__wecheer_columns_by_table(database, schema) %}
    {% if not execute %}
        {{ return({}) }}
    {% endif %}
    {% set query %}
        select table_name, column_name
        from information_schema.columns
        where lower(table_schema) = lower('{{ schema | replace("'", "''") }}')
            {% if database %}
                and lower(table_catalog) = lower('{{ database | replace("'", "''") }}')
            {% endif %}
        order by table_name, ordinal_position
    {% endset %}
    {% set by_table = {} %}
    {% for row in run_query(query).rows %}
        {% set table = row[0] | lower %}
        {% if table not in by_table %}
            {% do by_table.update({table: {}}) %}
        {% endif %}
        {% do by_table[table].update({row[1] | lower: row[1]}) %}
    {% endfor %}
    {{ return(by_table) }}
{% endmacro %}

{#
    Spark has no information_schema: `show table extended` describes every table of the schema in
    one statement (a tree per table: "Schema: root", then " |-- name: type (nullable = ...)"),
    instead of one `describe` per event table.
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
    {% set tables = run_query('show table extended in ' ~ adapter.quote(schema) ~ " like '*'") %}
    {% for row in tables.rows %}
        {% set columns = {} %}
        {% for line in row['information'].split('\n') if line.startswith(' |-- ') %}
            {% set name = line[5:].rsplit(': ', 1)[0] %}
            {% do columns.update({name | lower: name}) %}
        {% endfor %}
        {% do by_table.update({row['tableName'] | lower: columns}) %}
    {% endfor %}
    {{ return(by_table) }}
{% endmacro %}
