{#- The secret key of the PII hashing: var wecheer_pii_key, else the environment variable
    WECHEER_PII_KEY; none when neither is set (PII columns are then left empty, never weakly
    hashed). -#}
{% macro wecheer_pii_key() %}
    {%- set key = var('wecheer_pii_key', none) or env_var('WECHEER_PII_KEY', '') -%}
    {{ return(key if key else none) }}
{% endmacro %}
