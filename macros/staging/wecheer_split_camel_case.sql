{# Splits CamelCase into words ('AppOpened' -> 'App Opened'), so both spellings of an event the catalogue does not know get one name. #}
{% macro wecheer_split_camel_case(expression) %}
    {{ return(adapter.dispatch('wecheer_split_camel_case', 'wecheer')(expression)) }}
{% endmacro %}


{% macro default__wecheer_split_camel_case(expression) %}
    regexp_replace({{ expression }}, '([a-z0-9])([A-Z])', '\1 \2', 'g')
{% endmacro %}


{% macro spark__wecheer_split_camel_case(expression) %}
    regexp_replace({{ expression }}, '([a-z0-9])([A-Z])', '$1 $2')
{% endmacro %}
