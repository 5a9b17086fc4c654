{#- One PII column of wecheer__users under the policy: in clear when var
    wecheer_pii_clear_columns lists it; else its HMAC-SHA-256 under the PII key (the normalised
    text: trimmed, lower case); else, without a key, null. A date (birthday_on) is never hashed:
    it stays a date in clear, or null. -#}
{% macro wecheer_pii_column(expression, name, is_date=false) %}
    {%- set clear = var('wecheer_pii_clear_columns', []) or [] -%}
    {%- if clear is string -%}
        {%- set clear = [clear] -%}
    {%- endif -%}
    {%- if var('wecheer_hash_pii', none) is not none -%}
        {{ exceptions.raise_compiler_error(
            "var wecheer_hash_pii is gone: PII is hashed with a key (WECHEER_PII_KEY or var wecheer_pii_key); "
            ~ "list columns to keep in clear in var wecheer_pii_clear_columns") }}
    {%- endif -%}
    {%- set key = wecheer.wecheer_pii_key() -%}
    {%- if name in clear -%}
        {{ return(expression) }}
    {%- elif key is not none and not is_date -%}
        {{ return(wecheer.wecheer_hmac_sha256('lower(trim(' ~ expression ~ '))', key)) }}
    {%- endif -%}
    {{ return('cast(null as ' ~ ('date' if is_date else wecheer.wecheer_type('string')) ~ ')') }}
{% endmacro %}
