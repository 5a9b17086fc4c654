{#- The family of a column type name (wecheer_type_name's vocabulary): integer, fractional,
    string, timestamp, timestamptz, date, boolean or other. Decides how a raw column is read
    (wecheer_read_column). -#}
{% macro wecheer_type_family(type_name) %}
    {%- set name = (type_name or '') | lower | trim -%}
    {%- set base = name.split('(')[0] | trim -%}
    {%- if base in ['tinyint', 'smallint', 'integer', 'int', 'bigint', 'hugeint', 'utinyint',
                    'usmallint', 'uinteger', 'ubigint', 'uhugeint', 'int2', 'int4', 'int8',
                    'long', 'short', 'byte', 'serial', 'bigserial'] -%}
        {{ return('integer') }}
    {%- elif base in ['decimal', 'numeric'] -%}
        {%- set scale = name.split(',')[1] | replace(')', '') | trim if ',' in name else none -%}
        {{ return('integer' if scale == '0' else 'fractional') }}
    {%- elif base in ['double', 'float', 'real', 'float4', 'float8', 'double precision'] -%}
        {{ return('fractional') }}
    {%- elif base in ['varchar', 'text', 'string', 'char', 'bpchar', 'character', 'character varying'] -%}
        {{ return('string') }}
    {%- elif base in ['timestamp with time zone', 'timestamptz'] -%}
        {{ return('timestamptz') }}
    {%- elif base.startswith('timestamp') or base == 'datetime' -%}
        {{ return('timestamp') }}
    {%- elif base == 'date' -%}
        {{ return('date') }}
    {%- elif base in ['boolean', 'bool'] -%}
        {{ return('boolean') }}
    {%- endif -%}
    {{ return('other') }}
{% endmacro %}
