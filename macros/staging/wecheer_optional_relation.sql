{# One table of a schema if it exists, else none (optional tables: identifies, users, reference data). #}
{% macro wecheer_optional_relation(database, schema, identifier) %}
    {% if not execute %}
        {{ return(none) }}
    {% endif %}
    {% for name in wecheer.wecheer_list_tables(database, schema) %}
        {% if name | lower == identifier | lower %}
            {{ return(api.Relation.create(database=database, schema=schema, identifier=name, type='table')) }}
        {% endif %}
    {% endfor %}
    {{ return(none) }}
{% endmacro %}
