{# The incremental lookback in load days (default 1), validated: a negative or non-integer value is refused at compile time. #}
{% macro wecheer_lookback_days() %}
    {% set days = var('wecheer_lookback_days', 1) %}
    {% if days is not number or days < 0 or days != days | int %}
        {{ exceptions.raise_compiler_error("var wecheer_lookback_days must be a non-negative integer, got " ~ days) }}
    {% endif %}
    {{ return(days | int) }}
{% endmacro %}
