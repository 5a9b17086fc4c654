{# Ordered funnel steps in long form with step and overall conversion. `relation` has one row per
   group and one count column per step; `steps` is a list of (step_name, count_column) in order;
   `group_by` the grouping columns kept. Shared by the receipt, punchcard and lifecycle funnels. #}
{% macro wecheer_step_conversions(relation, group_by, steps, count_name) -%}
    {%- for step_name, count_column in steps %}
    select
        {%- for column in group_by %}
        {{ column }},
        {%- endfor %}
        {{ loop.index }} as step_number,
        '{{ step_name }}' as step_name,
        {{ count_column }} as {{ count_name }},
        {{ wecheer.wecheer_ratio(count_column, steps[loop.index0 - 1][1] if not loop.first else count_column) }}
            as step_conversion,
        {{ wecheer.wecheer_ratio(count_column, steps[0][1]) }} as overall_conversion
    from {{ relation }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
