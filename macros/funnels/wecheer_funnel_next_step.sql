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
