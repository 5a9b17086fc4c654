{#- A 64-bit integer hash of a text (grouping by it needs far less memory than grouping by the
    text); equal texts have equal hashes, so it only ever narrows a search done exactly after. -#}
{% macro wecheer_hash64(expression) %}
    {{ return(adapter.dispatch('wecheer_hash64', 'wecheer')(expression)) }}
{% endmacro %}

{% macro default__wecheer_hash64(expression) %}
    {{ return('hashtextextended(' ~ expression ~ ', 0)') }}
{% endmacro %}

{% macro duckdb__wecheer_hash64(expression) %}
    {{ return('hash(' ~ expression ~ ')') }}
{% endmacro %}

{% macro spark__wecheer_hash64(expression) %}
    {{ return('xxhash64(' ~ expression ~ ')') }}
{% endmacro %}
