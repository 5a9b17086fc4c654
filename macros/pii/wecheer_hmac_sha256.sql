{#- HMAC-SHA-256 of a text expression under the PII key, as lower-case hex; null stays null.
    Keyed: without the key, a hash cannot be matched against guessed emails or phone numbers
    (an unsalted hash of a phone number is reversed in seconds). -#}
{% macro wecheer_hmac_sha256(expression, key) %}
    {%- set pads = wecheer.wecheer_hmac_pads(key) -%}
    {{ return(adapter.dispatch('wecheer_hmac_sha256', 'wecheer')(expression, pads.inner, pads.outer)) }}
{% endmacro %}

{% macro default__wecheer_hmac_sha256(expression, inner, outer) %}
    {{ return(
        "encode(sha256(decode('" ~ outer ~ "', 'hex') || sha256(decode('" ~ inner ~ "', 'hex') || "
        ~ "convert_to(" ~ expression ~ ", 'UTF8'))), 'hex')") }}
{% endmacro %}

{% macro duckdb__wecheer_hmac_sha256(expression, inner, outer) %}
    {{ return(
        "sha256(unhex('" ~ outer ~ "') || unhex(sha256(unhex('" ~ inner ~ "') || encode("
        ~ expression ~ "))))") }}
{% endmacro %}

{% macro spark__wecheer_hmac_sha256(expression, inner, outer) %}
    {{ return(
        "sha2(concat(unhex('" ~ outer ~ "'), unhex(sha2(concat(unhex('" ~ inner ~ "'), encode("
        ~ expression ~ ", 'UTF-8')), 256))), 256)") }}
{% endmacro %}
