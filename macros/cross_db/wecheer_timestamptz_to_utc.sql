{#- A TIMESTAMPTZ as the UTC wall-clock timestamp, independent of the session's time zone (a
    plain cast converts through the session's zone on DuckDB and PostgreSQL). -#}
{% macro wecheer_timestamptz_to_utc(expression) %}
    {{ return(adapter.dispatch('wecheer_timestamptz_to_utc', 'wecheer')(expression)) }}
{% endmacro %}

{% macro default__wecheer_timestamptz_to_utc(expression) %}
    {{ return('(' ~ expression ~ " at time zone 'UTC')") }}
{% endmacro %}

{% macro duckdb__wecheer_timestamptz_to_utc(expression) %}
    {{ return("timezone('UTC', " ~ expression ~ ')') }}
{% endmacro %}

{#- Spark's timestamps are instants shown in the session's zone (the profiles set UTC). -#}
{% macro spark__wecheer_timestamptz_to_utc(expression) %}
    {{ return('cast(' ~ expression ~ ' as timestamp)') }}
{% endmacro %}
