{#- A string column parsed as a UTC timestamp: '2026-03-01 10:00:00' as written, a trailing
    offset ('Z', '+02:00') converted to UTC; null when the text does not parse (never an
    error). PostgreSQL has no try_cast: the text must look like a timestamp first (a date that
    looks right but does not exist, such as 2026-02-30, still fails there). -#}
{% macro wecheer_parse_timestamp(expression) %}
    {{ return(adapter.dispatch('wecheer_parse_timestamp', 'wecheer')(expression)) }}
{% endmacro %}

{% macro wecheer_timestamp_pattern(with_offset) %}
    {%- set pattern = '^ *[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([ T]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?)?' -%}
    {{ return(pattern ~ (' *(Z|[+-][0-9]{2}(:?[0-9]{2})?) *$' if with_offset else ' *$')) }}
{% endmacro %}

{% macro duckdb__wecheer_parse_timestamp(expression) %}
    {{ return(
        'case when regexp_matches(' ~ expression ~ ", '" ~ wecheer.wecheer_timestamp_pattern(true) ~ "') then "
        ~ wecheer.wecheer_timestamptz_to_utc('try_cast(' ~ expression ~ ' as timestamptz)')
        ~ ' else try_cast(' ~ expression ~ ' as timestamp) end') }}
{% endmacro %}

{% macro default__wecheer_parse_timestamp(expression) %}
    {{ return(
        'case when ' ~ expression ~ " ~ '" ~ wecheer.wecheer_timestamp_pattern(false) ~ "' then cast("
        ~ expression ~ ' as timestamp) when ' ~ expression ~ " ~ '" ~ wecheer.wecheer_timestamp_pattern(true)
        ~ "' then " ~ wecheer.wecheer_timestamptz_to_utc('cast(' ~ expression ~ ' as timestamptz)') ~ ' end') }}
{% endmacro %}

{% macro spark__wecheer_parse_timestamp(expression) %}
    {{ return('cast(' ~ expression ~ ' as timestamp)') }}
{% endmacro %}
