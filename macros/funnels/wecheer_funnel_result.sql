{#- The last CTEs of an analyst funnel (macro wecheer_funnel) and its select: the conversions of
    the CTE `steps` with the funnel's name and count unit (`count_unit`), and the latest load time
    of its events (from its streams, CTE `streams`) per campaign (`by_campaign`) or overall, as
    last_loaded_at. -#}
{% macro wecheer_funnel_result(funnel_name, count_unit, by_campaign) -%}
loads as (

    select
        {{ 'campaign_id,' if by_campaign }}
        max(last_loaded_at) as last_loaded_at
    from streams
    {%- if by_campaign %}
    group by campaign_id
    {%- endif %}

),

final as (

    select
        {{ wecheer.wecheer_string_literal(funnel_name) }} as funnel_name,
        {{ wecheer.wecheer_string_literal(count_unit) }} as count_unit,
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
