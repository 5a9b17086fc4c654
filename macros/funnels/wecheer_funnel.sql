{#- Builds an analyst-declared ordered funnel over wecheer__events (see docs/funnels.md), declared
    under var `wecheer_funnels` by name (the format: macro wecheer_funnel_declaration).

    Every occurrence of step 1 starts an instance; each later step takes the first matching
    event at or after the previous step (strictly after when both steps are the same event)
    and within its window. `occurrences` counts instances reaching each step, `users` counts
    distinct users with at least one such instance.

    No self-join: each step finds, for every open instance, the next event of that step at or after
    the instance's previous step (macro wecheer_funnel_next_step: a union and one window pass in
    portable SQL, an ASOF join on DuckDB), so the cost grows with the number of steps, not with
    events squared. By campaign, the funnel is incremental: the campaigns with a step event loaded
    since the window start are recounted whole (delete+insert on campaign_id); across campaigns, a
    table. -#}
{% macro wecheer_funnel(funnel_name, events_model='wecheer__events') -%}
    {%- set declaration = wecheer.wecheer_funnel_declaration(funnel_name) -%}
    {%- set steps = declaration.steps -%}
    {%- set by_campaign = declaration.by_campaign -%}
    {%- set entity = ['user_id', 'campaign_id'] if by_campaign else ['user_id'] -%}
    {%- if by_campaign -%}
        {{ config(**wecheer.wecheer_incremental_config(unique_key='campaign_id')) }}
    {%- endif -%}
    {%- set start = wecheer.wecheer_incremental_start(this, 'last_loaded_at') if is_incremental() else none %}

with

events as (

    select * from {{ ref(events_model) }}

),

funnel_events as (

    {{ wecheer.wecheer_funnel_events('events', steps, entity, start) }}

),

reached_1 as (

    select
        {{ entity | join(', ') }},
        event_at as step_1_at
    from funnel_events
    where event_name = '{{ steps[0].event | replace("'", "''") }}'

),
{%- for step in steps[1:] %}
{%- set k = loop.index + 1 %}
{%- set previous = steps[k - 2] %}

{{ wecheer.wecheer_funnel_next_step(k, step, previous, entity) }},
{%- endfor %}

per_group as (

    {{ wecheer.wecheer_funnel_step_counts('reached_' ~ (steps | length), steps, declaration.count_unit, by_campaign) }}

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
