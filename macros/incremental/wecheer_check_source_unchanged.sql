{#
    Stops an incremental build whose source no longer holds what was loaded: per raw table, the
    rows loaded before `start` (count, first and last load time) must be the same in the source
    (`source_rows`) and in the classification (`loaded_rows`). They differ when the source was
    replaced or regenerated, re-pointed at another schema, or rows were deleted; an incremental
    build would then mix two sources, so it stops with one line naming --full-refresh
    (`wecheer build` reruns with it by itself). Cheap: two columns of each table.
#}
{% macro wecheer_check_source_unchanged(source_rows, loaded_rows, start) %}
    {%- if not execute or wecheer.wecheer_is_unit_test_input(loaded_rows) -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set summaries = [] -%}
    {%- for relation in [source_rows, loaded_rows] -%}
        {%- set query -%}
            select
                source_table,
                count(*) as row_count,
                cast(min(loaded_at) as {{ wecheer.wecheer_type('string') }}) as first_loaded_at,
                cast(max(loaded_at) as {{ wecheer.wecheer_type('string') }}) as last_loaded_at
            from {{ relation }}
            where loaded_at >= {{ wecheer.wecheer_plausible_since() }} and loaded_at < {{ start }}
            group by 1
        {%- endset -%}
        {%- set summary = {} -%}
        {%- for row in run_query(query).rows -%}
            {%- do summary.update({row[0]: [row[1] | int, row[2], row[3]]}) -%}
        {%- endfor -%}
        {%- do summaries.append(summary) -%}
    {%- endfor -%}
    {%- set source, loaded = summaries -%}
    {%- for table in (source.keys() | list) + (loaded.keys() | list) -%}
        {%- set now = source.get(table, [0, none, none]) -%}
        {%- set before = loaded.get(table, [0, none, none]) -%}
        {%- if now != before -%}
            {{ exceptions.raise_compiler_error(
                "wecheer: the source changed since the last build: table " ~ (table | tojson)
                ~ " holds " ~ now[0] ~ " rows loaded before " ~ start ~ ", the warehouse loaded "
                ~ before[0] ~ " (replaced, regenerated, re-pointed or deleted rows). "
                ~ "Rebuild with `dbt build --full-refresh` (`wecheer build` does it by itself).") }}
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}
