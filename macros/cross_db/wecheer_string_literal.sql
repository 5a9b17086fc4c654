{#- A value from the warehouse or a var as a SQL string literal: quotes doubled (backslashes
    escaped too on Spark, whose string literals read them as escapes). -#}
{% macro wecheer_string_literal(value) %}
    {{ return(adapter.dispatch('wecheer_string_literal', 'wecheer')(value)) }}
{% endmacro %}

{% macro default__wecheer_string_literal(value) %}
    {{ return("'" ~ (value | string | replace("'", "''")) ~ "'") }}
{% endmacro %}

{% macro spark__wecheer_string_literal(value) %}
    {{ return("'" ~ (value | string | replace('\\', '\\\\') | replace("'", "\\'")) ~ "'") }}
{% endmacro %}
