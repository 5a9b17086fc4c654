{#
    dbt's `unique` test, faster on large tables. On DuckDB the values are first grouped by their
    64-bit hash (grouping integers is much cheaper than grouping long strings), and only the
    values whose hash repeats are then grouped by value: a repeated value always repeats its
    hash, so the failing rows are exactly those of `unique` (a hash collision only costs the
    second grouping a few rows). With `hash_column`, a column holding that hash already
    (wecheer__events.event_id_hash), the first pass reads that narrow column instead of hashing
    every value: on a table of years of events, the difference between reading a column of
    integers and reading every id string. With `built_at_column` too (a column holding when the
    build that wrote each row started, wecheer__events.built_at), only the values of the rows
    the latest build wrote are looked for among every row: an incremental build rewrites only
    the rows of its window, the rows before it were checked by the builds that wrote them, so
    the test costs what the new rows cost (a full build writes every row, and checks them
    all). Other engines run dbt's own `unique` query.
#}
{% test wecheer_unique(model, column_name, hash_column=none, built_at_column=none) %}
    {{ adapter.dispatch('test_wecheer_unique', 'wecheer')(model, column_name, hash_column, built_at_column) }}
{% endtest %}


{% macro default__test_wecheer_unique(model, column_name, hash_column=none, built_at_column=none) %}
    {{ dbt.default__test_unique(model, column_name) }}
{% endmacro %}


{% macro duckdb__test_wecheer_unique(model, column_name, hash_column=none, built_at_column=none) %}
    {%- set value_hash = hash_column or ('hash(' ~ column_name ~ ')') %}
    with

    {% if built_at_column -%}
    written as (

        select {{ value_hash }} as value_hash
        from {{ model }}
        where {{ wecheer.wecheer_written_by_latest_build(model, built_at_column) }}

    ),
    {%- endif %}

    repeated_hashes as (

        select {{ value_hash }} as value_hash
        from {{ model }}
        where
            {#- a stored hash is read alone: nulls share one hash, which the second pass leaves out #}
            {% if not hash_column -%}
            {{ column_name }} is not null
            {%- else -%}
            true
            {%- endif %}
            {%- if built_at_column %}
            and {{ value_hash }} in (select written.value_hash from written)
            {%- endif %}
        group by 1
        having count(*) > 1

    )

    select
        {{ column_name }} as unique_field,
        count(*) as n_records
    from {{ model }}
    where
        {{ column_name }} is not null
        and {{ value_hash }} in (select repeated_hashes.value_hash from repeated_hashes)
    group by {{ column_name }}
    having count(*) > 1
{% endmacro %}
