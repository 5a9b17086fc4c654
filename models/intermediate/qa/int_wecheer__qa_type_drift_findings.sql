-- Columns typed differently across event tables: the tables holding a column in a minority type.
{#
    Column types are read at run time through the adapter (works on every engine), and rendered
    into the query as rows.
#}
{% set column_types = [] %}
{% set relations = wecheer_event_relations() %}
{% if relations %}
    {% set known = wecheer_columns_by_table(relations[0].database, relations[0].schema) %}
    {% for relation in relations %}
        {% for column in known.get(relation.identifier | lower, {}).values() %}
            {% do column_types.append({
                'source_table': relation.identifier,
                'column_name': column.name | lower,
                'data_type': column.type,
            }) %}
        {% endfor %}
    {% endfor %}
{% endif %}

with

classified_rows as (

    select * from {{ ref('int_wecheer__event_rows_classified') }}

),

table_rows as (

    select
        source_table,
        count(*) as table_rows
    from classified_rows
    group by 1

),

column_types as (

    {% if column_types | length == 0 %}
    select
        cast(null as {{ dbt.type_string() }}) as source_table,
        cast(null as {{ dbt.type_string() }}) as column_name,
        cast(null as {{ dbt.type_string() }}) as data_type
    where 1 = 0
    {% else %}
        -- one values list, not a union of one-row selects: Spark plans a union of ~900 selects
        -- for minutes
        select
            cast(source_table as {{ dbt.type_string() }}) as source_table,
            cast(column_name as {{ dbt.type_string() }}) as column_name,
            cast(data_type as {{ dbt.type_string() }}) as data_type
        from (
            values
            {% for item in column_types %}
                (
                    {{ wecheer_string_literal(item.source_table) }},
                    {{ wecheer_string_literal(item.column_name) }},
                    {{ wecheer_string_literal(item.data_type) }}
                ){% if not loop.last %},{% endif %}
            {% endfor %}
        ) as seen_types (source_table, column_name, data_type)
    {% endif %}

),

type_counts as (

    select
        column_name,
        data_type,
        count(*) as tables_with_type
    from column_types
    group by 1, 2

),

common_types as (

    select
        column_name,
        data_type as common_type,
        count(*) over (partition by column_name) as types_seen,
        row_number() over (
            partition by column_name
            order by tables_with_type desc, data_type asc
        ) as type_rank
    from type_counts

),

drifted as (

    select
        column_types.source_table,
        column_types.column_name,
        column_types.data_type,
        common_types.common_type
    from column_types
    inner join common_types
        on
            column_types.column_name = common_types.column_name
            and common_types.type_rank = 1
    where common_types.types_seen > 1 and column_types.data_type <> common_types.common_type

),

by_table as (

    select
        source_table,
        {{ wecheer_listagg(
            "column_name || ' is ' || data_type || ' (elsewhere ' || common_type || ')'",
            "'; '",
            "column_name",
        ) }} as drifted_columns
    from drifted
    group by 1

),

final as (

    select
        'type_drift' as check_name,
        by_table.source_table,
        {{ wecheer_qa_null_columns([
            'event_name', 'message_id', 'user_id', 'advertiser_id', 'campaign_id', 'event_at', 'received_at',
        ]) }},
        cast(coalesce(table_rows.table_rows, 0) as {{ dbt.type_bigint() }}) as failing_rows,
        by_table.source_table || ': ' || by_table.drifted_columns as finding,
        {{ wecheer_qa_null_columns(['loaded_at', 'loaded_on']) }}
    from by_table
    left join table_rows
        on by_table.source_table = table_rows.source_table

)

select * from final
