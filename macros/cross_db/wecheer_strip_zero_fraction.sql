{#- A text id with a zero fraction ('5032.0', written by a sender that sent a float) without it. -#}
{% macro wecheer_strip_zero_fraction(expression) %}
    {{ return(adapter.dispatch('wecheer_strip_zero_fraction', 'wecheer')(expression)) }}
{% endmacro %}

{% macro default__wecheer_strip_zero_fraction(expression) %}
    {{ return('regexp_replace(' ~ expression ~ ", '^(-?[0-9]+)[.]0+$', '\\1')") }}
{% endmacro %}

{% macro spark__wecheer_strip_zero_fraction(expression) %}
    {{ return('regexp_replace(' ~ expression ~ ", '^(-?[0-9]+)[.]0+$', '$1')") }}
{% endmacro %}
