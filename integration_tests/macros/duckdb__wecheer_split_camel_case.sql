{#- The team's version of a dispatched package macro (dispatch search_order in dbt_project.yml):
    the package's SQL, marked so the test sees that this version was used. -#}
{% macro duckdb__wecheer_split_camel_case(expression) %}
    /* wecheer_integration_tests override */ {{ wecheer.default__wecheer_split_camel_case(expression) }}
{% endmacro %}
