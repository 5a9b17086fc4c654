{# Segment's own tables in a source schema; every other table there is an event table. #}
{% macro wecheer_segment_tables() %}
    {{ return(['tracks', 'identifies', 'users', 'pages', 'screens', 'groups', 'accounts', 'aliases']) }}
{% endmacro %}
