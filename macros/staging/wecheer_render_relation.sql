{#- A relation of the raw source rendered with every part quoted by wecheer_quote_identifier
    (dbt's own rendering does not escape quote characters inside names). -#}
{% macro wecheer_render_relation(relation) %}
    {%- set parts = [] -%}
    {%- for part in [relation.database, relation.schema, relation.identifier] if part -%}
        {%- do parts.append(wecheer.wecheer_quote_identifier(part)) -%}
    {%- endfor -%}
    {{- return(parts | join('.')) -}}
{% endmacro %}
