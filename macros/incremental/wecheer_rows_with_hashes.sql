{#
    The rows of `relation` whose `hash_column` (a stored 64-bit hash of a key, wecheer_hash64) is
    one of `hashes` (a select of hashes), as a select of every column: how an incremental build
    finds the older rows of the keys it has just read without reading the keys themselves on
    every older row. The caller still compares the keys (a hash may be shared). On DuckDB the
    matching row ids are found on the narrow hash column first and only those rows are read
    (DuckDB pushes a row-id filter into the scan); put it in a CTE of its own
    (wecheer_materialized_cte), or a filter on another column pushed into the same scan makes
    DuckDB read that column on every row again. Other engines filter on the hash directly.
#}
{% macro wecheer_rows_with_hashes(relation, hash_column, hashes) %}
    {{- return(adapter.dispatch('wecheer_rows_with_hashes', 'wecheer')(relation, hash_column, hashes)) -}}
{% endmacro %}


{% macro default__wecheer_rows_with_hashes(relation, hash_column, hashes) %}
    select * from {{ relation }}
    where {{ hash_column }} in ({{ hashes }})
{%- endmacro %}


{% macro duckdb__wecheer_rows_with_hashes(relation, hash_column, hashes) %}
    {%- if wecheer.wecheer_is_unit_test_input(relation) -%}
        {{ return(wecheer.default__wecheer_rows_with_hashes(relation, hash_column, hashes)) }}
    {%- endif %}
    select * from {{ relation }}
    where rowid in (
        select rowid from {{ relation }}
        where {{ hash_column }} in ({{ hashes }})
    )
{%- endmacro %}


{#- `materialized` where the engine takes it after `as` in a CTE (DuckDB, PostgreSQL): the CTE
    is computed once and filters from outside are not pushed into it. Nothing elsewhere. -#}
{% macro wecheer_materialized_cte() %}
    {{- return('materialized' if target.type in ['duckdb', 'postgres'] else '') -}}
{% endmacro %}
