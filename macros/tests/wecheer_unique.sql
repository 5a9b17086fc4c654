{#
    dbt's `unique` test, faster on large tables. On DuckDB the values are first grouped by their
    64-bit hash (grouping integers is much cheaper than grouping long strings), and only the
    values whose hash repeats are then grouped by value: a repeated value always repeats its
    hash, so the failing rows are exactly those of `unique` (a hash collision only costs the
    second grouping a few rows). Other engines run dbt's own `unique` query.
#}
{% test wecheer_unique(model, column_name) %}
    {{ adapter.dispatch('test_wecheer_unique', 'wecheer')(model, column_name) }}
{% endtest %}


{% macro default__test_wecheer_unique(model, column_name) %}
    {{ dbt.default__test_unique(model, column_name) }}
{% endmacro %}


{% macro duckdb__test_wecheer_unique(model, column_name) %}
    with

    repeated_hashes as (

        select hash({{ column_name }}) as value_hash
        from {{ model }}
        where {{ column_name }} is not null
        group by 1
        having count(*) > 1

    )

    select
        {{ column_name }} as unique_field,
        count(*) as n_records
    from {{ model }}
    where
        {{ column_name }} is not null
        and hash({{ column_name }}) in (select repeated_hashes.value_hash from repeated_hashes)
    group by {{ column_name }}
    having count(*) > 1
{% endmacro %}
