{#
    The dedup tie-break, the one definition used by every model that picks a row per message id:
    earliest received_at (Segment's first arrival), then earliest uuid_ts (first load; nulls
    last), then source_table name, then the row hash. A total order, so the choice is
    deterministic; and since "earliest" only moves back when an earlier row appears, a late
    duplicate never displaces a row already loaded, which keeps incremental runs equal to a
    full refresh.
#}
{% macro wecheer_dedup_order(relation_alias=none) %}
    {%- set prefix = (relation_alias ~ '.') if relation_alias else '' -%}
    {{ prefix }}received_at asc,
    {{ prefix }}uuid_ts asc nulls last,
    {{ prefix }}source_table asc,
    {{ prefix }}row_hash asc
{%- endmacro %}
