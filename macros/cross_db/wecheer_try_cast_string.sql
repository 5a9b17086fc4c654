{#- A string read as another type (date, integer, ...), null when it does not parse. -#}
{% macro wecheer_try_cast_string(expression, spec_type) %}
    {{ return(adapter.dispatch('wecheer_try_cast_string', 'wecheer')(expression, spec_type)) }}
{% endmacro %}

{% macro duckdb__wecheer_try_cast_string(expression, spec_type) %}
    {{ return('try_cast(' ~ expression ~ ' as ' ~ wecheer.wecheer_type(spec_type) ~ ')') }}
{% endmacro %}

{% macro default__wecheer_try_cast_string(expression, spec_type) %}
    {%- set patterns = {
        'date': '^ *[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]) *$',
        'integer': '^ *-?[0-9]{1,9} *$',
        'bigint': '^ *-?[0-9]{1,18} *$',
        'numeric': '^ *-?[0-9]+([.][0-9]+)? *$',
        'boolean': '^ *(true|false|t|f|1|0) *$',
    } -%}
    {%- if spec_type not in patterns -%}
        {{ exceptions.raise_compiler_error("wecheer_try_cast_string: no pattern for type " ~ spec_type) }}
    {%- endif -%}
    {{ return(
        'case when ' ~ expression ~ " ~* '" ~ patterns[spec_type] ~ "' then cast(trim(" ~ expression
        ~ ') as ' ~ wecheer.wecheer_type(spec_type) ~ ') end') }}
{% endmacro %}

{% macro spark__wecheer_try_cast_string(expression, spec_type) %}
    {{ return('cast(' ~ expression ~ ' as ' ~ wecheer.wecheer_type(spec_type) ~ ')') }}
{% endmacro %}
