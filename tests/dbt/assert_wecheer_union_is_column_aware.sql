{#
    The column-aware union of macros/staging/wecheer_union_relations.sql, on three inline tables,
    the way stg_wecheer__event_tables unions the discovered event tables: a column a table lacks
    becomes a typed null; a column typed differently in the tables is read as the spec's type
    (campaign_id an integer, a double 5032.0 and a string '5032.0' all become the text '5032';
    received_at a timestamp, a string, a string with an offset and an unparsable string, which
    becomes null and is named in unparsable_columns); column names are data (an upper-case `ID`,
    a reserved word `select`, a name with a double quote) and are quoted; every row carries its
    table's name. Returns the rows missing from the union, the rows unexpected in it and (on
    DuckDB, whose union would coerce the types by itself) the rows of the wrong type: none when
    the macro is right.
#}
{%- set spec = [
    {'name': 'id', 'type': 'string'},
    {'name': 'user_id', 'type': 'string'},
    {'name': 'campaign_id', 'type': 'string', 'id': true},
    {'name': 'received_at', 'type': 'timestamp'},
    {'name': 'select', 'type': 'string'},
    {'name': 'odd"name', 'type': 'string'},
] -%}
{%- set numbers = api.Relation.create(identifier='union_numbers') -%}
{%- set strings = api.Relation.create(identifier='union_strings') -%}
{%- set doubles = api.Relation.create(identifier='union_doubles') -%}
{%- set columns_by_table = {
    'union_numbers': {
        'id': {'name': 'ID', 'type': 'varchar'},
        'campaign_id': {'name': 'campaign_id', 'type': 'integer'},
        'received_at': {'name': 'received_at', 'type': 'timestamp'},
    },
    'union_strings': {
        'id': {'name': 'id', 'type': 'varchar'},
        'campaign_id': {'name': 'campaign_id', 'type': 'varchar'},
        'received_at': {'name': 'received_at', 'type': 'varchar'},
        'select': {'name': 'select', 'type': 'varchar'},
        'odd"name': {'name': 'odd"name', 'type': 'varchar'},
    },
    'union_doubles': {
        'id': {'name': 'id', 'type': 'varchar'},
        'campaign_id': {'name': 'campaign_id', 'type': 'double'},
        'received_at': {'name': 'received_at', 'type': 'varchar'},
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
        'm1' as {{ wecheer_quote_identifier('ID') }},
        103 as campaign_id,
        cast('2026-01-01 10:00:00' as {{ ts }}) as received_at

),

union_strings as (

    select
        'm2' as id,
        '5032.0' as campaign_id,
        '2026-01-02 08:30:00' as received_at,
        'x' as {{ wecheer_quote_identifier('select') }},
        'q' as {{ wecheer_quote_identifier('odd"name') }}
    union all
    select
        'm3' as id,
        '0104' as campaign_id,
        'not a time' as received_at,
        'y' as {{ wecheer_quote_identifier('select') }},
        'r' as {{ wecheer_quote_identifier('odd"name') }}

),

union_doubles as (

    select
        'm4' as id,
        cast(5032.0 as {{ dbt.type_float() }}) as campaign_id,
        '2026-01-03 12:00:00+02:00' as received_at

),

unioned as (

    select
        source_table, id, user_id, campaign_id, received_at, {{ wecheer_quote_identifier('select') }},
        {{ wecheer_quote_identifier('odd"name') }} as odd_name, unparsable_columns
    from (
        {{ wecheer_union_relations([numbers, strings, doubles], spec, columns_by_table) }}
    ) as union_result

),

expected as (

    select
        cast('union_numbers' as {{ string }}) as source_table,
        cast('m1' as {{ string }}) as id,
        cast(null as {{ string }}) as user_id,
        cast('103' as {{ string }}) as campaign_id,
        cast('2026-01-01 10:00:00' as {{ ts }}) as received_at,
        cast(null as {{ string }}) as {{ wecheer_quote_identifier('select') }},
        cast(null as {{ string }}) as odd_name,
        cast(null as {{ string }}) as unparsable_columns
    union all
    select
        cast('union_strings' as {{ string }}),
        cast('m2' as {{ string }}),
        cast(null as {{ string }}),
        cast('5032' as {{ string }}),
        cast('2026-01-02 08:30:00' as {{ ts }}),
        cast('x' as {{ string }}),
        cast('q' as {{ string }}),
        cast(null as {{ string }})
    union all
    select
        cast('union_strings' as {{ string }}),
        cast('m3' as {{ string }}),
        cast(null as {{ string }}),
        cast('0104' as {{ string }}),
        cast(null as {{ ts }}),
        cast('y' as {{ string }}),
        cast('r' as {{ string }}),
        cast('received_at' as {{ string }})
    union all
    select
        cast('union_doubles' as {{ string }}),
        cast('m4' as {{ string }}),
        cast(null as {{ string }}),
        cast('5032' as {{ string }}),
        cast('2026-01-03 10:00:00' as {{ ts }}),
        cast(null as {{ string }}),
        cast(null as {{ string }}),
        cast(null as {{ string }})

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
