{#- A name from the warehouse or a var as a quoted SQL identifier, the quote character doubled
    inside it: names are data, so a table called `a"; drop table x; --` is read, never run.
    dbt's adapter.quote() and relation rendering do not escape the quote character. -#}
{% macro wecheer_quote_identifier(name) %}
    {{ return(adapter.dispatch('wecheer_quote_identifier', 'wecheer')(name)) }}
{% endmacro %}

{% macro default__wecheer_quote_identifier(name) %}
    {{ return('"' ~ (name | string | replace('"', '""')) ~ '"') }}
{% endmacro %}

{% macro spark__wecheer_quote_identifier(name) %}
    {{ return('`' ~ (name | string | replace('`', '``')) ~ '`') }}
{% endmacro %}
