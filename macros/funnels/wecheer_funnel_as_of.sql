{# The instant "pending" is judged against: var wecheer_funnel_as_of (a timestamp literal such as
   '2026-03-01 00:00:00') or, by default, the latest received_at in the given relation. #}
{% macro wecheer_funnel_as_of(relation) -%}
    {%- set as_of = var('wecheer_funnel_as_of', none) -%}
    {%- if as_of is none -%}
        (select max(received_at) from {{ relation }})
    {%- else -%}
        cast('{{ as_of }}' as {{ dbt.type_timestamp() }})
    {%- endif -%}
{%- endmacro %}
