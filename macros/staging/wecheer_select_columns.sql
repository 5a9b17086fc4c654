{#
    Column-aware selection: one select item per column of the spec ({name, type, id}), read from
    the relation's column of that name (matched case-insensitively, quoted: names are data) by
    wecheer_read_column, or a typed null when the relation lacks it. This is what lets a table
    without a column, or with the column typed differently, union with the others.
    `present` is the relation's {lower-case column: {name, type}} (wecheer_columns_by_table).
#}
{% macro wecheer_select_columns(columns, present) %}
    {%- for column in columns -%}
        {%- set found = present.get(column.name) -%}
        {%- if found -%}
            {{ wecheer.wecheer_read_column(wecheer.wecheer_quote_identifier(found.name), found.type, column.type, column.get('id', false)) }}
        {%- else -%}
            cast(null as {{ wecheer.wecheer_type(column.type) }})
        {%- endif %} as {{ wecheer.wecheer_quote_identifier(column.name) }}
        {%- if not loop.last %},
        {% endif -%}
    {%- endfor -%}
{% endmacro %}


{#- The names of the spec's timestamp columns whose raw text did not parse, comma-separated
    (null when all parsed): the quarantine reason of a row whose received_at or event time is
    unreadable. Only columns stored as something other than a timestamp can fail. -#}
{% macro wecheer_unparsable_columns(columns, present) %}
    {%- set checks = [] -%}
    {%- for column in columns if column.type == 'timestamp' and present.get(column.name) -%}
        {%- set found = present[column.name] -%}
        {%- if wecheer.wecheer_type_family(found.type) not in ['timestamp', 'timestamptz', 'date'] -%}
            {%- set raw = wecheer.wecheer_quote_identifier(found.name) -%}
            {%- do checks.append(
                'case when ' ~ raw ~ ' is not null and '
                ~ wecheer.wecheer_read_column(raw, found.type, 'timestamp') ~ " is null then '"
                ~ column.name ~ "' end") -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if checks -%}
        {{- return("nullif(concat_ws(', ', " ~ checks | join(', ') ~ "), '')") -}}
    {%- endif -%}
    {{- return('cast(null as ' ~ wecheer.wecheer_type('string') ~ ')') -}}
{% endmacro %}


{#- A relation's spec columns (typed nulls for missing ones), or no rows with the same columns
    when the relation is none. -#}
{% macro wecheer_select_or_empty(relation, columns) %}
    {%- if relation is none -%}
        select
            {{ wecheer.wecheer_select_columns(columns, {}) }}
        where 1 = 0
    {%- else -%}
        {%- set present = wecheer.wecheer_columns_by_table(relation.database, relation.schema).get(relation.identifier | lower, {}) -%}
        select
            {{ wecheer.wecheer_select_columns(columns, present) }}
        from {{ wecheer.wecheer_render_relation(relation) }}
    {%- endif -%}
{% endmacro %}
