{#- Builds an analyst-declared ordered funnel over wecheer__events (see docs/funnels.md), declared
    under var `wecheer_funnels` by name (the format: macro wecheer_funnel_declaration).

    Every occurrence of step 1 starts an instance; each later step takes the first matching
    event at or after the previous step (strictly after when both steps are the same event)
    and within its window. `occurrences` counts instances reaching each step, `users` counts
    distinct users with at least one such instance.

    The instances are counted per stream (user and campaign, or user) in
    int_wecheer__funnel_streams, incrementally (macro wecheer_funnel_stream_rows: no self-join,
    one window pass or ASOF join per step); this model sums those rows per campaign (or
    overall): a table whose cost grows with the funnel's streams, not with events. Its config
    meta `wecheer_funnel` tells int_wecheer__funnel_streams which funnels to keep. -#}
{% macro wecheer_funnel(funnel_name) -%}
    {%- set declaration = wecheer.wecheer_funnel_declaration(funnel_name) -%}
    {%- set steps = declaration.steps -%}
    {%- set by_campaign = declaration.by_campaign -%}
    {{ config(materialized='table', meta={'wecheer_funnel': funnel_name}) }}

with

streams as (

    select * from {{ ref('int_wecheer__funnel_streams') }}
    where funnel_name = {{ wecheer.wecheer_string_literal(funnel_name) }}

),

per_group as (

    {{ wecheer.wecheer_funnel_step_counts('streams', steps, declaration.count_unit, by_campaign) }}

),

steps as (

    {%- set step_pairs = [] %}
    {%- for step in steps %}
        {%- do step_pairs.append((step.get('name', step.event), 'step_' ~ loop.index ~ '_count')) %}
    {%- endfor %}
    {{ wecheer.wecheer_step_conversions('per_group', ['campaign_id'] if by_campaign else [], step_pairs, 'reached') }}

),

{{ wecheer.wecheer_funnel_result(funnel_name, declaration.count_unit, by_campaign) }}
{%- endmacro %}
