{#- One row per campaign (`by_campaign`), else one row, with a count column per step of an
    analyst funnel (macro wecheer_funnel), step_<k>_count, from `reached` (one row per instance,
    a step_<k>_at column per step, null where not reached): instances (`count_unit`
    occurrences) or distinct users (users) reaching the step. -#}
{% macro wecheer_funnel_step_counts(reached, steps, count_unit, by_campaign) -%}
    select
        {{ 'campaign_id,' if by_campaign }}
        {%- for step in steps %}
        {%- if count_unit == 'users' %}
        count(distinct case when step_{{ loop.index }}_at is not null then user_id end)
        {%- else %}
        count(case when step_{{ loop.index }}_at is not null then 1 end)
        {%- endif %} as step_{{ loop.index }}_count{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ reached }}
    {%- if by_campaign %}
    group by campaign_id
    {%- endif %}
{%- endmacro %}
