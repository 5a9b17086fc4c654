{#- The configuration every incremental model of the package shares, as a dict for
    `{{ config(**wecheer_incremental_config(unique_key=...)) }}`: incremental (a table on Spark,
    rebuilt each run: docs/decisions.md), delete+insert on `unique_key`, and a failure when the
    columns change (a full refresh rebuilds it). Keyword arguments add or replace settings
    (incremental_predicates, post_hook). -#}
{% macro wecheer_incremental_config(unique_key) %}
    {%- set settings = {
        'materialized': ('table' if target.type == 'spark' else 'incremental'),
        'unique_key': unique_key,
        'incremental_strategy': 'delete+insert',
        'on_schema_change': 'fail',
    } -%}
    {%- do settings.update(kwargs) -%}
    {{ return(settings) }}
{% endmacro %}
