{#
    Union all of relations, column-aware (see wecheer_select_columns), with a first column
    `source_table` holding each row's table name and a last column `unparsable_columns` naming
    the timestamp columns whose text did not parse. No relations: no rows, same columns.
    `columns_by_table` ({lower-case table: {lower-case column: {name, type}}}) is read from the
    relations' schema when not given (tests/dbt/assert_wecheer_union_is_column_aware.sql gives it).
#}
{% macro wecheer_union_relations(relations, columns, columns_by_table=none) %}
    {%- set string = wecheer.wecheer_type('string') -%}
    {%- if relations | length == 0 -%}
        select
            cast(null as {{ string }}) as source_table,
            {{ wecheer.wecheer_select_columns(columns, {}) }},
            cast(null as {{ string }}) as unparsable_columns
        where 1 = 0
    {%- else -%}
        {%- set known = columns_by_table
            if columns_by_table is not none
            else wecheer.wecheer_columns_by_table(relations[0].database, relations[0].schema) -%}
        {%- for relation in relations -%}
            {%- set present = known.get(relation.identifier | lower, {}) %}
            select
                cast({{ wecheer.wecheer_string_literal(relation.identifier) }} as {{ string }}) as source_table,
                {{ wecheer.wecheer_select_columns(columns, present) }},
                {{ wecheer.wecheer_unparsable_columns(columns, present) }} as unparsable_columns
            from {{ wecheer.wecheer_render_relation(relation) }}
            {% if not loop.last %}
            union all
            {% endif %}
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}
