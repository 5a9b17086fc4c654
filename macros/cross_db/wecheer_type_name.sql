{#
    An engine's name of a column type (a Column's dtype) in one vocabulary, DuckDB's, lower case:
    the source QA reports type drift with it ("campaign_id is varchar (elsewhere bigint)"), so
    the finding reads the same on every engine. A decimal is `decimal` without its precision and
    scale: PostgreSQL's information_schema gives `numeric` alone.
#}
{% macro wecheer_type_name(dtype) %}
    {%- set name = adapter.dispatch('wecheer_type_name', 'wecheer')(dtype) -%}
    {{ return('decimal' if name.startswith('decimal') else name) }}
{% endmacro %}


{% macro default__wecheer_type_name(dtype) %}
    {{ return(dtype | lower) }}
{% endmacro %}


{% macro postgres__wecheer_type_name(dtype) %}
    {%- set name = dtype | lower -%}
    {%- set names = {
        'text': 'varchar',
        'character varying': 'varchar',
        'timestamp without time zone': 'timestamp',
        'double precision': 'double',
        'real': 'float',
    } -%}
    {%- if name.startswith('character varying') -%}
        {{ return('varchar') }}
    {%- elif name.startswith('numeric') -%}
        {{ return('decimal') }}
    {%- endif -%}
    {{ return(names.get(name, name)) }}
{% endmacro %}


{% macro spark__wecheer_type_name(dtype) %}
    {%- set name = dtype | lower -%}
    {%- set names = {
        'string': 'varchar',
        'int': 'integer',
        'long': 'bigint',
        'short': 'smallint',
        'byte': 'tinyint',
        'timestamp_ntz': 'timestamp',
        'timestamp': 'timestamp with time zone',
    } -%}
    {{ return(names.get(name, name)) }}
{% endmacro %}
