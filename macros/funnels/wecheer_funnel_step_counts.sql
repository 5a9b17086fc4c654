{#- One row per campaign (`by_campaign`; campaigns where the funnel started at least once), else
    one row, with a count column per step of an analyst funnel (macro wecheer_funnel),
    step_<k>_count, from `streams` (its rows of int_wecheer__funnel_streams: one per stream and
    step, with the instances that reached the step): instances (`count_unit` occurrences) or
    users with at least one (users; a stream is one user, within a campaign when by campaign). -#}
{% macro wecheer_funnel_step_counts(streams, steps, count_unit, by_campaign) -%}
    select
        {{ 'campaign_id,' if by_campaign }}
        {%- for step in steps %}
        {%- if count_unit == 'users' %}
        count(case when step_number = {{ loop.index }} and instances > 0 then 1 end)
        {%- else %}
        cast(coalesce(sum(case when step_number = {{ loop.index }} then instances end), 0) as {{ dbt.type_bigint() }})
        {%- endif %} as step_{{ loop.index }}_count{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ streams }}
    {%- if by_campaign %}
    group by campaign_id
    having sum(case when step_number = 1 then instances end) > 0
    {%- endif %}
{%- endmacro %}
