{#
    Column-aware selection: one select item per column of the spec ({name, type}), cast to the
    spec's type when the relation has the column (matched case-insensitively, quoted: names are
    data) and a typed null when it does not. This is what lets a table without a column, or with
    the column typed differently, union with the others.
#}
{% macro wecheer_select_columns(relation, columns, present=none) %}
    {%- if present is none -%}
        {%- set present = {} -%}
    {%- endif -%}
    {%- if relation is not none and present | length == 0 -%}
        {%- for column in adapter.get_columns_in_relation(relation) -%}
            {%- do present.update({column.name | lower: column.name}) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- for column in columns -%}
        {%- if column.name in present -%}
            cast({{ adapter.quote(present[column.name]) }} as {{ wecheer.wecheer_type(column.type) }})
        {%- else -%}
            cast(null as {{ wecheer.wecheer_type(column.type) }})
        {%- endif %} as {{ adapter.quote(column.name) }}
        {%- if not loop.last %},
        {% endif -%}
    {%- endfor -%}
{% endmacro %}


{# A relation's spec columns (typed nulls for missing ones), or no rows with the same columns when the relation is none. #}
{% macro wecheer_select_or_empty(relation, columns) %}
    {%- if relation is none -%}
        select
            {{ wecheer.wecheer_select_columns(none, columns) }}
        where 1 = 0
    {%- else -%}
        select
            {{ wecheer.wecheer_select_columns(relation, columns) }}
        from {{ relation }}
    {%- endif -%}
{% endmacro %}
