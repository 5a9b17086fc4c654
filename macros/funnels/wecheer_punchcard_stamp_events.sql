{# Events that put a stamp on a punchcard (the first one after a completion starts a new card). #}
{% macro wecheer_punchcard_stamp_events() -%}
    {{ return(var('wecheer_punchcard_stamp_events', ['Punchcard Stamps Received'])) }}
{%- endmacro %}
