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
