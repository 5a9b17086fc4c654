{#
    dbt's `relationships` test (every non-null value of the column is a `field` of `to`), cheap
    on large tables. With `to_hash_column` (a column of `to` holding wecheer_hash64 of `field`,
    wecheer__events.event_id_hash), the rows of `to` that can match are found on that narrow
    column first and only they are read whole (wecheer_rows_with_hashes); the values are then
    compared exactly, so the failing rows are exactly those of `relationships`. With
    `built_at_column` too (a column of the tested model holding when the build that wrote each
    row started), only the rows the latest build wrote are checked: an incremental build
    rewrites the rows of its load window, the earlier rows were checked by the builds that wrote
    them, and the rows they point to are older than they are, so no later build removes them.
    A full build writes every row and checks them all. Without `to_hash_column`, and on other
    engines, dbt's own `relationships` query.
#}
{% test wecheer_relationships(model, column_name, to, field, to_hash_column=none, built_at_column=none) %}
    {{ adapter.dispatch('test_wecheer_relationships', 'wecheer')(model, column_name, to, field, to_hash_column, built_at_column) }}
{% endtest %}


{% macro default__test_wecheer_relationships(model, column_name, to, field, to_hash_column=none, built_at_column=none) %}
    {{ dbt.default__test_relationships(model, column_name, to, field) }}
{% endmacro %}


{% macro duckdb__test_wecheer_relationships(model, column_name, to, field, to_hash_column=none, built_at_column=none) %}
    {%- if not to_hash_column -%}
        {{ return(dbt.default__test_relationships(model, column_name, to, field)) }}
    {%- endif %}
    with

    child as {{ wecheer.wecheer_materialized_cte() }} (

        select
            {{ column_name }} as from_field,
            {{ wecheer.wecheer_hash64(column_name) }} as from_hash
        from {{ model }}
        where
            {{ column_name }} is not null
            {%- if built_at_column %}
            and {{ wecheer.wecheer_written_by_latest_build(model, built_at_column) }}
            {%- endif %}

    ),

    parent as {{ wecheer.wecheer_materialized_cte() }} (

        {{ wecheer.wecheer_rows_with_hashes(to, to_hash_column, 'select child.from_hash from child') }}

    )

    select child.from_field
    from child
    left join parent
        on child.from_field = parent.{{ field }}
    where parent.{{ field }} is null
{% endmacro %}
