{#-
    One raw column read as the spec's type, whatever type the warehouse gave it (Segment fixes a
    column's type from its first value, so it differs between tables and sources):
    - ids (`is_id`) become one canonical text: 5032, 5032.0 (DOUBLE or DECIMAL) and '5032.0'
      are all '5032', so one entity is never split in two;
    - timestamps become UTC timestamps: TIMESTAMPTZ converted to UTC explicitly (never through
      the session's time zone), strings parsed (with or without an offset) or null when they
      do not parse (the row is then quarantined with the reason, never a build error);
    - other types are cast, strings that do not parse as the type become null.
-#}
{% macro wecheer_read_column(expression, type_name, spec_type, is_id=false) %}
    {%- set family = wecheer.wecheer_type_family(type_name) -%}
    {%- set string = wecheer.wecheer_type('string') -%}
    {%- if is_id -%}
        {%- if family == 'integer' -%}
            {{ return('cast(' ~ expression ~ ' as ' ~ string ~ ')') }}
        {%- elif family == 'fractional' -%}
            {{ return(
                'case when ' ~ expression ~ ' = floor(' ~ expression ~ ') and abs(' ~ expression
                ~ ') < 1e15 then cast(cast(' ~ expression ~ ' as ' ~ dbt.type_bigint() ~ ') as '
                ~ string ~ ') else cast(' ~ expression ~ ' as ' ~ string ~ ') end') }}
        {%- elif family == 'string' -%}
            {{ return(wecheer.wecheer_strip_zero_fraction('trim(' ~ expression ~ ')')) }}
        {%- endif -%}
        {{ return('cast(' ~ expression ~ ' as ' ~ string ~ ')') }}
    {%- elif spec_type == 'timestamp' -%}
        {%- if family in ['timestamp', 'date'] -%}
            {{ return('cast(' ~ expression ~ ' as ' ~ dbt.type_timestamp() ~ ')') }}
        {%- elif family == 'timestamptz' -%}
            {{ return(wecheer.wecheer_timestamptz_to_utc(expression)) }}
        {%- elif family == 'string' -%}
            {{ return(wecheer.wecheer_parse_timestamp(expression)) }}
        {%- endif -%}
        {{ return('cast(null as ' ~ dbt.type_timestamp() ~ ')') }}
    {%- elif spec_type == 'string' -%}
        {{ return('cast(' ~ expression ~ ' as ' ~ string ~ ')') }}
    {%- elif family == 'string' -%}
        {{ return(wecheer.wecheer_try_cast_string(expression, spec_type)) }}
    {%- elif family == 'timestamptz' and spec_type == 'date' -%}
        {{ return('cast(' ~ wecheer.wecheer_timestamptz_to_utc(expression) ~ ' as date)') }}
    {%- endif -%}
    {{ return('cast(' ~ expression ~ ' as ' ~ wecheer.wecheer_type(spec_type) ~ ')') }}
{% endmacro %}
