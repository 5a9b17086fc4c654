{# The raw Segment event tables of the source: every table in the source schema but Segment's own, sorted by name. #}
{% macro wecheer_event_relations() %}
    {% set database = wecheer.wecheer_source_database() %}
    {% set schema = var('wecheer_schema') %}
    {% set relations = [] %}
    {% for name in wecheer.wecheer_list_tables(database, schema) %}
        {% if name | lower not in wecheer.wecheer_segment_tables() %}
            {% do relations.append(api.Relation.create(database=database, schema=schema, identifier=name, type='table')) %}
        {% endif %}
    {% endfor %}
    {{ return(relations) }}
{% endmacro %}
