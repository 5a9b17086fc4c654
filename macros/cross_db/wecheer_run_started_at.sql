{#- The instant this dbt invocation started (UTC) as a timestamp literal: "now" for every model
    of a run, the same on every engine and whatever the process's time zone. -#}
{% macro wecheer_run_started_at() %}
    {{ return("cast('" ~ run_started_at.strftime('%Y-%m-%d %H:%M:%S') ~ "' as " ~ dbt.type_timestamp() ~ ")") }}
{% endmacro %}
