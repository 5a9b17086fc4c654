{#
    Whole minutes or hours between two timestamps, counted as boundaries crossed (DuckDB's
    date_diff, and dbt's datediff on PostgreSQL): dbt.datediff elsewhere. dbt-spark's datediff
    takes the ceiling of the elapsed time instead (12:00:50 to 12:01:10 is 1 minute on both, but
    12:00:10 to 12:01:50 is 2 on Spark), so Spark counts boundaries of epoch minutes or hours.
#}
{% macro wecheer_datediff(first_date, second_date, datepart) %}
    {{ return(adapter.dispatch('wecheer_datediff', 'wecheer')(first_date, second_date, datepart)) }}
{% endmacro %}


{% macro default__wecheer_datediff(first_date, second_date, datepart) %}
    {{- dbt.datediff(first_date, second_date, datepart) -}}
{% endmacro %}


{% macro spark__wecheer_datediff(first_date, second_date, datepart) %}
    {%- set seconds = {'hour': 3600, 'minute': 60}.get(datepart) -%}
    {%- if seconds is none -%}
        {{- dbt.datediff(first_date, second_date, datepart) -}}
    {%- else -%}
        (floor(unix_seconds({{ second_date }}) / {{ seconds }})
        - floor(unix_seconds({{ first_date }}) / {{ seconds }}))
    {%- endif -%}
{% endmacro %}
