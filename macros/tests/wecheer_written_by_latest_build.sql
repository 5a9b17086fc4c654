{#- Whether a row of `model` was written by the latest build: its `built_at_column` (when the
    build that wrote the row started, wecheer_run_started_at) is the largest in the model. The
    one definition the tests that check only what the latest build wrote share. -#}
{% macro wecheer_written_by_latest_build(model, built_at_column) %}
    {{- return(built_at_column ~ ' = (select max(' ~ built_at_column ~ ') from ' ~ model ~ ')') -}}
{% endmacro %}
