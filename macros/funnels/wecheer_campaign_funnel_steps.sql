{#- A per-campaign ordered funnel over a mart of journeys (`relation`: one row per card or attempt,
    with campaign_id, advertiser_id and last_loaded_at), as two CTEs: `per_campaign`, one count
    per step (`steps`: a list of (step_name, count expression), in order), the campaign's
    advertiser and latest load time; then `steps`, the funnel in long form (step_number,
    step_name, the count as `count_name`, step and overall conversion; wecheer_step_conversions).
    Used by wecheer__receipt_funnel and wecheer__punchcard_funnel. -#}
{% macro wecheer_campaign_funnel_steps(relation, steps, count_name) -%}
per_campaign as (

    select
        campaign_id,
        max(advertiser_id) as advertiser_id,
        max(last_loaded_at) as last_loaded_at
        {%- for step_name, expression in steps %},
        {{ expression }} as {{ step_name }}
        {%- endfor %}
    from {{ relation }}
    group by 1

),

steps as (

    {%- set step_pairs = [] %}
    {%- for step_name, expression in steps %}
        {%- do step_pairs.append((step_name, step_name)) %}
    {%- endfor %}
    {{ wecheer.wecheer_step_conversions(
        'per_campaign', ['campaign_id', 'advertiser_id', 'last_loaded_at'], step_pairs, count_name) }}

)
{%- endmacro %}
