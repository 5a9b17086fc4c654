{#- Whether a timestamp is plausible: not before var wecheer_plausible_since (default
    2000-01-01) and not more than var wecheer_plausible_future_hours (default 24) after the
    row was loaded (its load-time column; this run's start when it has none). Implausible
    timestamps are kept and flagged by QA, but never move a watermark, an as-of date or a
    dimension's first/last time. -#}
{% macro wecheer_is_plausible(expression, load_time) %}
    {%- set ceiling = 'coalesce(' ~ load_time ~ ', ' ~ wecheer.wecheer_run_started_at() ~ ')' -%}
    {{- return(
        'coalesce(' ~ expression ~ ' >= ' ~ wecheer.wecheer_plausible_since() ~ ' and ' ~ expression
        ~ ' <= ' ~ dbt.dateadd('hour', wecheer.wecheer_plausible_future_hours(), ceiling) ~ ', false)') -}}
{% endmacro %}

{#- var wecheer_plausible_since as a timestamp literal (validated). -#}
{% macro wecheer_plausible_since() %}
    {{ return(wecheer.wecheer_timestamp_literal(var('wecheer_plausible_since', '2000-01-01'), 'wecheer_plausible_since')) }}
{% endmacro %}

{#- var wecheer_plausible_future_hours, validated: a positive number of hours. -#}
{% macro wecheer_plausible_future_hours() %}
    {%- set hours = var('wecheer_plausible_future_hours', 24) -%}
    {%- if hours is not number or hours <= 0 -%}
        {{ exceptions.raise_compiler_error(
            "var wecheer_plausible_future_hours must be a positive number of hours, got " ~ hours) }}
    {%- endif -%}
    {{ return(hours) }}
{% endmacro %}
