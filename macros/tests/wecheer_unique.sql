{#
    dbt's `unique` test, faster on large tables. On DuckDB the values are first grouped by their
    64-bit hash (grouping integers is much cheaper than grouping long strings), and only the
    values whose hash repeats are then grouped by value: a repeated value always repeats its
    hash, so the failing rows are exactly those of `unique` (a hash collision only costs the
    second grouping a few rows). With `hash_column`, a column holding that hash already
    (wecheer__events.event_id_hash), the first pass reads that narrow column instead of hashing
    every value: on a table of years of events, the difference between reading a column of
    integers and reading every id string. Other engines run dbt's own `unique` query.
#}
{% test wecheer_unique(model, column_name, hash_column=none) %}
    {{ adapter.dispatch('test_wecheer_unique', 'wecheer')(model, column_name, hash_column) }}
{% endtest %}


{% macro default__test_wecheer_unique(model, column_name, hash_column=none) %}
    {{ dbt.default__test_unique(model, column_name) }}
{% endmacro %}


{% macro duckdb__test_wecheer_unique(model, column_name, hash_column=none) %}
    {%- set value_hash = hash_column or ('hash(' ~ column_name ~ ')') %}
    with

    repeated_hashes as (

        select {{ value_hash }} as value_hash
        from {{ model }}
        {#- a stored hash is read alone: nulls share one hash, which the second pass leaves out #}
        {%- if not hash_column %}
        where {{ column_name }} is not null
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
