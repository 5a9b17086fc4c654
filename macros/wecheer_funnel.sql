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
    {%- set funnels = var('wecheer_funnels', {}) or {} -%}
    {%- if funnel_name not in funnels -%}
        {{ exceptions.raise_compiler_error(
            "wecheer_funnel: no funnel '" ~ funnel_name ~ "' under var wecheer_funnels"
            ~ " (declared: " ~ (funnels.keys() | list | join(', ')) ~ ")") }}
    {%- endif -%}
    {%- set funnel = funnels[funnel_name] -%}
    {%- set steps = funnel.get('steps', []) -%}
    {%- set count_unit = funnel.get('count', 'users') -%}
    {%- set by_campaign = funnel.get('by_campaign', true) -%}
    {%- if steps | length < 2 -%}
        {{ exceptions.raise_compiler_error("wecheer_funnel: a funnel needs at least two steps") }}
    {%- endif -%}
    {%- if count_unit not in ['users', 'occurrences'] -%}
        {{ exceptions.raise_compiler_error(
            "wecheer_funnel: count must be 'users' or 'occurrences', got '" ~ count_unit ~ "'") }}
    {%- endif -%}
    {%- for step in steps -%}
        {%- if step.get('event') is none -%}
            {{ exceptions.raise_compiler_error(
                "wecheer_funnel: step " ~ loop.index ~ " has no event name") }}
        {%- endif -%}
        {%- if step.get('within_hours') is not none
            and (step.within_hours is not number or step.within_hours <= 0) -%}
            {{ exceptions.raise_compiler_error(
                "wecheer_funnel: within_hours of step " ~ loop.index ~ " must be a positive number") }}
        {%- endif -%}
    {%- endfor -%}
    {%- do wecheer_funnel_check_event_names(funnel_name, steps) -%}
    {%- set entity = ['user_id', 'campaign_id'] if by_campaign else ['user_id'] -%}
    {%- set event_names = [] -%}
    {%- for step in steps -%}
        {%- do event_names.append(step.event) -%}
    {%- endfor -%}

with

events as (

    select * from {{ ref(events_model) }}

),

funnel_events as (

    select
        {{ entity | join(', ') }},
        event_name,
        event_at
    from events
    where
        user_id is not null
        {%- if by_campaign %}
        and campaign_id is not null
        {%- endif %}
        and event_name in {{ wecheer_sql_list(event_names | unique | list) }}

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

{{ wecheer_funnel_next_step(k, step, previous, entity) }},
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
    {{ wecheer_step_conversions('per_group', ['campaign_id'] if by_campaign else [], step_pairs, 'reached') }}

),

final as (

    select
        '{{ funnel_name }}' as funnel_name,
        '{{ count_unit }}' as count_unit,
        *
    from steps

)

select * from final
{%- endmacro %}


{#- The CTEs of one later step k of wecheer_funnel, ending in `reached_<k>`: the instances of
    reached_<k-1> with step_<k>_at, the first event of `step` at or after step_<k-1>_at (strictly
    after when both steps are the same event) and within the step's window; null when none. -#}
{% macro wecheer_funnel_next_step(k, step, previous, entity) -%}
    {{ return(adapter.dispatch('wecheer_funnel_next_step', 'wecheer')(k, step, previous, entity)) }}
{%- endmacro %}

{#- Portable SQL: one union of the open instances with that step's events and one window pass
    (the next step event at or after each instance's previous step). -#}
{% macro default__wecheer_funnel_next_step(k, step, previous, entity) %}
stream_{{ k }} as (

    -- instances that reached step {{ k - 1 }}, then the events of step {{ k }}
    select
        {{ entity | join(', ') }},
        {%- for i in range(1, k) %}
        step_{{ i }}_at,
        {%- endfor %}
        step_{{ k - 1 }}_at as stream_at,
        0 as is_event
    from reached_{{ k - 1 }}

    union all

    select
        {{ entity | join(', ') }},
        {%- for i in range(1, k) %}
        cast(null as {{ dbt.type_timestamp() }}) as step_{{ i }}_at,
        {%- endfor %}
        event_at as stream_at,
        1 as is_event
    from funnel_events
    where event_name = '{{ step.event | replace("'", "''") }}'

),

next_{{ k }} as (

    select
        *,
        min(case when is_event = 1 then stream_at end) over (
            partition by {{ entity | join(', ') }}
            order by stream_at, is_event {{ 'desc' if step.event == previous.event else 'asc' }}
            rows between current row and unbounded following
        ) as next_event_at
    from stream_{{ k }}

),

reached_{{ k }} as (

    select
        {{ entity | join(', ') }},
        {%- for i in range(1, k) %}
        step_{{ i }}_at,
        {%- endfor %}
        case
            when
                step_{{ k - 1 }}_at is not null
                {%- if step.get('within_hours') is not none %}
                and next_event_at <= {{ dbt.dateadd('hour', step.within_hours, 'step_' ~ (k - 1) ~ '_at') }}
                {%- endif %}
                then next_event_at
        end as step_{{ k }}_at
    from next_{{ k }}
    where is_event = 0

)
{% endmacro %}

{#- DuckDB: an ASOF join finds each instance's next step event directly (the smallest event_at
    at or after, or strictly after, the previous step; instances without a previous step match
    nothing), without the union and the window pass. -#}
{% macro duckdb__wecheer_funnel_next_step(k, step, previous, entity) %}
step_events_{{ k }} as (

    select
        {{ entity | join(', ') }},
        event_at
    from funnel_events
    where event_name = '{{ step.event | replace("'", "''") }}'

),

reached_{{ k }} as (

    select
        {%- for column in entity %}
        reached_{{ k - 1 }}.{{ column }},
        {%- endfor %}
        {%- for i in range(1, k) %}
        reached_{{ k - 1 }}.step_{{ i }}_at,
        {%- endfor %}
        {%- if step.get('within_hours') is not none %}
        case
            when
                step_events_{{ k }}.event_at
                <= {{ dbt.dateadd('hour', step.within_hours, 'reached_' ~ (k - 1) ~ '.step_' ~ (k - 1) ~ '_at') }}
                then step_events_{{ k }}.event_at
        end as step_{{ k }}_at
        {%- else %}
        step_events_{{ k }}.event_at as step_{{ k }}_at
        {%- endif %}
    from reached_{{ k - 1 }}
    asof left join step_events_{{ k }}
        on
            {%- for column in entity %}
            reached_{{ k - 1 }}.{{ column }} = step_events_{{ k }}.{{ column }}
            and
            {%- endfor %}
            reached_{{ k - 1 }}.step_{{ k - 1 }}_at
            {{ '<' if step.event == previous.event else '<=' }} step_events_{{ k }}.event_at

)
{% endmacro %}


{#- Stops the build when a step names an event that is not a canonical name of the event catalogue
    (seed wecheer_event_catalog): a misspelt step would otherwise silently count zeros. A step
    written in another spelling the catalogue knows (the wire name, a table name, other case or
    spacing) gets "did you mean" its canonical name. A step meant for an event outside the
    catalogue (sent by the brand, is_planned = false in wecheer__events) says `unplanned: true`.
    Checked when the model runs (the catalogue is a table then; it is upstream of
    wecheer__events); skipped while the seed has not been loaded (e.g. `dbt compile` on an empty
    warehouse) and in unit tests (they have no graph: the seed is found through it, not ref(),
    so they need no fixture). -#}
{% macro wecheer_funnel_check_event_names(funnel_name, steps) %}
    {%- if not execute -%}{{ return(none) }}{%- endif -%}
    {%- set seed = (graph.get('nodes') or {}).get('seed.wecheer.wecheer_event_catalog') -%}
    {%- if seed is none -%}{{ return(none) }}{%- endif -%}
    {%- set catalog = adapter.get_relation(
        database=seed.database, schema=seed.schema, identifier=seed.alias) -%}
    {%- if catalog is none -%}{{ return(none) }}{%- endif -%}
    {%- set rows = run_query(
        "select event_name, wire_name, table_from_event_name, table_from_wire_name from "
        ~ catalog).rows -%}
    {%- set canonical = [] -%}
    {%- set by_spelling = {} -%}
    {%- for row in rows -%}
        {%- do canonical.append(row[0]) -%}
        {%- for spelling in row -%}
            {%- do by_spelling.update({(spelling | lower | replace('_', '') | replace(' ', '')): row[0]}) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for step in steps -%}
        {%- if step.event not in canonical and not step.get('unplanned', false) -%}
            {%- set guess = by_spelling.get(step.event | lower | replace('_', '') | replace(' ', '')) -%}
            {{ exceptions.raise_compiler_error(
                "wecheer_funnel '" ~ funnel_name ~ "': step " ~ loop.index ~ " event '" ~ step.event
                ~ "' is not in the event catalogue"
                ~ ("; did you mean '" ~ guess ~ "'?" if guess else
                   " (canonical Title Case names, seeds/wecheer_event_catalog.csv; for an event"
                   ~ " outside the catalogue add unplanned: true to the step)")) }}
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}
