{#- Builds an analyst-declared ordered funnel over wecheer__events (see docs/funnels.md).

    The funnel is declared in YAML, under var `wecheer_funnels` (dbt_project.yml) by name:
        steps: ordered list of {event: <canonical event name>, within_hours: <hours after the
               previous step; optional, no limit when absent>, name: <optional step label>,
               unplanned: <true for an event outside the catalogue; optional>}
        count: users | occurrences   (default users)
        by_campaign: true | false    (default true: steps must share the user's campaign id)

    Every occurrence of step 1 starts an instance; each later step takes the first matching
    event at or after the previous step (strictly after when both steps are the same event)
    and within its window. `occurrences` counts instances reaching each step, `users` counts
    distinct users with at least one such instance.

    No self-join: each step finds, for every open instance, the next event of that step at or after
    the instance's previous step (macro wecheer_funnel_next_step: a union and one window pass in
    portable SQL, an ASOF join on DuckDB), so the cost grows with the number of steps, not with
    events squared. -#}
{% macro wecheer_funnel(funnel_name, events_model='wecheer__events') -%}
    {%- set declaration = wecheer.wecheer_funnel_declaration(funnel_name) -%}
    {%- set steps = declaration.steps -%}
    {%- set count_unit = declaration.count_unit -%}
    {%- set by_campaign = declaration.by_campaign -%}
    {%- set entity = ['user_id', 'campaign_id'] if by_campaign else ['user_id'] -%}
    {%- set event_names = [] -%}
    {%- for step in steps -%}
        {%- do event_names.append(step.event) -%}
    {%- endfor -%}
    {#- by campaign: incremental, the campaigns with a step event loaded since the window start
        recounted whole (delete+insert on campaign_id); across campaigns: a table -#}
    {%- if by_campaign -%}
        {{ config(
            materialized=('table' if target.type == 'spark' else 'incremental'),
            unique_key='campaign_id',
            incremental_strategy='delete+insert',
            on_schema_change='fail',
        ) }}
    {%- endif -%}
    {%- if is_incremental() -%}
        {%- set start = wecheer.wecheer_incremental_start(this, 'last_loaded_at') -%}
    {%- endif %}

with

events as (

    select * from {{ ref(events_model) }}

),

funnel_events as (

    select
        {{ entity | join(', ') }},
        event_name,
        event_at,
        loaded_at
    from events
    where
        user_id is not null
        {%- if by_campaign %}
        and campaign_id is not null
        {%- endif %}
        and event_name in {{ wecheer.wecheer_sql_list(event_names | unique | list) }}
        {%- if is_incremental() %}
        and campaign_id in (
            select touched.campaign_id from events as touched
            where
                touched.event_name in {{ wecheer.wecheer_sql_list(event_names | unique | list) }}
                and {{ wecheer.wecheer_is_in_load_window('touched.loaded_at', start) }}
        )
        {%- endif %}

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

    select
        {{ 'campaign_id,' if by_campaign }}
        {%- for step in steps %}
        {%- if count_unit == 'users' %}
        count(distinct case when step_{{ loop.index }}_at is not null then user_id end)
        {%- else %}
        count(case when step_{{ loop.index }}_at is not null then 1 end)
        {%- endif %} as step_{{ loop.index }}_count{{ ',' if not loop.last }}
        {%- endfor %}
    from reached_{{ steps | length }}
    {%- if by_campaign %}
    group by campaign_id
    {%- endif %}

),

steps as (

    {%- set step_pairs = [] %}
    {%- for step in steps %}
        {%- do step_pairs.append((step.get('name', step.event), 'step_' ~ loop.index ~ '_count')) %}
    {%- endfor %}
    {{ wecheer.wecheer_step_conversions('per_group', ['campaign_id'] if by_campaign else [], step_pairs, 'reached') }}

),

loads as (

    select
        {{ 'campaign_id,' if by_campaign }}
        max(loaded_at) as last_loaded_at
    from funnel_events
    {%- if by_campaign %}
    group by campaign_id
    {%- endif %}

),

final as (

    select
        '{{ funnel_name }}' as funnel_name,
        '{{ count_unit }}' as count_unit,
        steps.*,
        loads.last_loaded_at
    from steps
    {%- if by_campaign %}
    inner join loads on steps.campaign_id = loads.campaign_id
    {%- else %}
    cross join loads
    {%- endif %}

)

select * from final
{%- endmacro %}
