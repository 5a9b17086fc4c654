{#
    The column-aware union of macros/wecheer_union.sql, on two inline tables, the way
    stg_wecheer__event_tables unions the discovered event tables: a column a table lacks becomes
    a typed null, a column typed differently in the two tables (campaign_id an integer in one
    and a string in the other, received_at a timestamp and a string) is cast to the spec's
    type, column names are data (an upper-case `ID`, a reserved word `select`) and are quoted,
    and every row carries its table's name. Returns the rows missing from the union, the rows
    unexpected in it and (on DuckDB, whose union would coerce the types by itself) the rows
    of the wrong type: none when the macro is right.
#}
{%- set spec = [
    {'name': 'id', 'type': 'string'},
    {'name': 'user_id', 'type': 'string'},
    {'name': 'campaign_id', 'type': 'string'},
    {'name': 'received_at', 'type': 'timestamp'},
    {'name': 'select', 'type': 'string'},
] -%}
{%- set numbers = api.Relation.create(identifier='union_numbers') -%}
{%- set strings = api.Relation.create(identifier='union_strings') -%}
{%- set columns_by_table = {
    'union_numbers': {'id': 'ID', 'campaign_id': 'campaign_id', 'received_at': 'received_at'},
    'union_strings': {
        'id': 'id', 'campaign_id': 'campaign_id', 'received_at': 'received_at', 'select': 'select'
    },
} -%}
{%- set string = wecheer_type('string') -%}
{%- set ts = wecheer_type('timestamp') -%}
{%- if target.type == 'duckdb' -%}
{%- set wrong_type -%}
typeof(user_id) != 'VARCHAR' or typeof(campaign_id) != 'VARCHAR'
        or typeof(received_at) != 'TIMESTAMP'
{%- endset -%}
{%- else -%}
{%- set wrong_type = '1 = 0' -%}
{%- endif %}
-- depends_on: {{ ref('stg_wecheer__event_tables') }}
with

union_numbers as (

    select
        'm1' as {{ adapter.quote('ID') }},
        103 as campaign_id,
        cast('2026-01-01 10:00:00' as {{ ts }}) as received_at

),

union_strings as (

    select
        'm2' as id,
        '0104' as campaign_id,
        '2026-01-02 08:30:00' as received_at,
        'x' as {{ adapter.quote('select') }}

),

unioned as (

    {{ wecheer_union_relations([numbers, strings], spec, columns_by_table) }}

),

expected as (

    select
        cast('union_numbers' as {{ string }}) as source_table,
        cast('m1' as {{ string }}) as id,
        cast(null as {{ string }}) as user_id,
        cast('103' as {{ string }}) as campaign_id,
        cast('2026-01-01 10:00:00' as {{ ts }}) as received_at,
        cast(null as {{ string }}) as {{ adapter.quote('select') }}
    union all
    select
        cast('union_strings' as {{ string }}),
        cast('m2' as {{ string }}),
        cast(null as {{ string }}),
        cast('0104' as {{ string }}),
        cast('2026-01-02 08:30:00' as {{ ts }}),
        cast('x' as {{ string }})

),

missing as (

    select * from expected
    except
    select * from unioned

),

unexpected as (

    select * from unioned
    except
    select * from expected

),

-- DuckDB's union would coerce drifted types by itself: check them (other engines refuse to)
wrong_type as (

    select * from unioned
    where {{ wrong_type }}

),

problems as (

    select
        'missing' as problem,
        source_table,
        id,
        user_id,
        campaign_id,
        received_at
    from missing
    union all
    select
        'unexpected' as problem,
        source_table,
        id,
        user_id,
        campaign_id,
        received_at
    from unexpected
    union all
    select
        'wrong type' as problem,
        source_table,
        id,
        user_id,
        campaign_id,
        received_at
    from wrong_type

)

select
    problem,
    source_table,
    id,
    user_id,
    campaign_id,
    received_at
from problems
