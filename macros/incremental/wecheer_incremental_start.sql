{#
    Where an incremental build of `relation` starts, as SQL: the start of the day of the latest
    plausible load time already in it (its column `column`), minus wecheer_lookback_days days;
    1900-01-01 when it is empty. Whole days, so a rebuilt day is always rebuilt completely. Load
    times after this run's start (plus wecheer_plausible_future_hours) or before
    wecheer_plausible_since never set the start: one row stamped 2099 cannot make every later
    row wait.
#}
{% macro wecheer_incremental_start_sql(relation, column='loaded_at') %}
    {%- set latest -%}
        (
            select max({{ column }}) from {{ relation }}
            where
                {{ column }} >= {{ wecheer.wecheer_plausible_since() }}
                and {{ column }} <= {{ dbt.dateadd('hour', wecheer.wecheer_plausible_future_hours(), wecheer.wecheer_run_started_at()) }}
        )
    {%- endset -%}
    {{- return(
        'coalesce(' ~ dbt.dateadd('day', -wecheer.wecheer_lookback_days(), dbt.date_trunc('day', latest))
        ~ ", cast('1900-01-01' as " ~ dbt.type_timestamp() ~ '))') -}}
{%- endmacro %}


{#- The same start as a timestamp literal, computed when the model runs: a literal lets engines
    skip old data by their statistics, which a subquery does not. -#}
{% macro wecheer_incremental_start(relation, column='loaded_at') %}
    {%- if wecheer.wecheer_is_unit_test_input(relation) -%}
        {{ return(wecheer.wecheer_incremental_start_sql(relation, column)) }}
    {%- endif -%}
    {%- set start = '1900-01-01 00:00:00' -%}
    {%- if execute -%}
        {%- set query -%}
            select cast({{ wecheer.wecheer_incremental_start_sql(relation, column) }} as {{ wecheer.wecheer_type('string') }})
        {%- endset -%}
        {%- set start = run_query(query).columns[0].values()[0] -%}
    {%- endif -%}
    {{ return("cast('" ~ start ~ "' as " ~ dbt.type_timestamp() ~ ")") }}
{%- endmacro %}


{#- Whether a load time is in the part of the data an incremental build (re)reads: at or after
    `start`, or implausible (before wecheer_plausible_since, or null): those few rows are
    re-read by every build, so they are never lost. -#}
{% macro wecheer_is_in_load_window(column, start) %}
    {{- return('(' ~ column ~ ' >= ' ~ start ~ ' or ' ~ column ~ ' < ' ~ wecheer.wecheer_plausible_since()
        ~ ' or ' ~ column ~ ' is null)') -}}
{% endmacro %}


{#- Whether a relation is a dbt unit test's fixture (a CTE, not a table run_query could read). -#}
{% macro wecheer_is_unit_test_input(relation) %}
    {{ return('__dbt__cte__' in (relation | string)) }}
{% endmacro %}
