{#- A timestamp from a var as a SQL literal, validated: anything but a date or timestamp such as
    '2026-03-01' or '2026-03-01 00:00:00' stops the build with a compile error naming the var,
    so a var's value never reaches SQL as code. -#}
{% macro wecheer_timestamp_literal(value, var_name) %}
    {%- set text = value | string | trim -%}
    {%- set pattern = '[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?)?' -%}
    {%- if not modules.re.fullmatch(pattern, text) -%}
        {{ exceptions.raise_compiler_error(
            "var " ~ var_name ~ " must be a date or timestamp such as '2026-03-01 00:00:00', got "
            ~ (text | tojson)) }}
    {%- endif -%}
    {{ return("cast('" ~ text | replace('T', ' ') ~ "' as " ~ dbt.type_timestamp() ~ ")") }}
{% endmacro %}
