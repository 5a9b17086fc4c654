{#- HMAC-SHA-256's inner and outer keys (RFC 2104: the key, padded with zero bytes to SHA-256's
    64-byte block, XOR 0x36 and XOR 0x5c) as hex, computed here so that SQL only concatenates
    and hashes. A key longer than one block is refused (HMAC would hash it first). -#}
{% macro wecheer_hmac_pads(key) %}
    {%- set key_bytes = key.encode('utf-8') | list -%}
    {%- if key_bytes | length > 64 -%}
        {{ exceptions.raise_compiler_error("the PII key (var wecheer_pii_key or WECHEER_PII_KEY) must be at most 64 bytes") }}
    {%- endif -%}
    {%- set inner, outer = [], [] -%}
    {%- for position in range(64) -%}
        {%- set byte = key_bytes[position] if position < key_bytes | length else 0 -%}
        {%- do inner.append('%02x' | format(wecheer.wecheer_xor_byte(byte, 54))) -%}
        {%- do outer.append('%02x' | format(wecheer.wecheer_xor_byte(byte, 92))) -%}
    {%- endfor -%}
    {{ return({'inner': inner | join(''), 'outer': outer | join('')}) }}
{% endmacro %}

{#- a XOR b for two bytes (Jinja has no bitwise operators). -#}
{% macro wecheer_xor_byte(a, b) %}
    {%- set ns = namespace(result=0) -%}
    {%- for bit in range(8) -%}
        {%- set weight = 2 ** bit -%}
        {%- if ((a // weight) % 2) != ((b // weight) % 2) -%}
            {%- set ns.result = ns.result + weight -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(ns.result) }}
{% endmacro %}
