{# The database of the raw source: the var, else the target's database. #}
{% macro wecheer_source_database() %}
    {{ return(var('wecheer_database', none) or target.database or none) }}
{% endmacro %}
