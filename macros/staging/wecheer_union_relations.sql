{#
    Union all of relations, column-aware (see wecheer_select_columns), with a first column
    `source_table` holding each row's table name. No relations: no rows, same columns.
    `columns_by_table` ({lower-case table: {lower-case column: column}}) is read from the
    relations' schema when not given (tests/dbt/assert_wecheer_union_is_column_aware.sql gives it).
#}
{% macro wecheer_union_relations(relations, columns, columns_by_table=none) %}
    {%- if relations | length == 0 -%}
        select
            cast(null as {{ wecheer.wecheer_type('string') }}) as source_table,
            {{ wecheer.wecheer_select_columns(none, columns) }}
        where 1 = 0
    {%- else -%}
        {%- set known = columns_by_table
            if columns_by_table is not none
            else (wecheer.wecheer_columns_by_table(relations[0].database, relations[0].schema) or {}) -%}
        {%- for relation in relations -%}
            select
                cast('{{ relation.identifier | replace("'", "''") }}' as {{ wecheer.wecheer_type('string') }}) as source_table,
                {{ wecheer.wecheer_select_columns(relation, columns, known.get(relation.identifier | lower)) }}
            from {{ relation }}
            {% if not loop.last %}
            union all
            {% endif %}
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}
