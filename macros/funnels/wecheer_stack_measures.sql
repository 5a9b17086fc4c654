{# One select list of every measure in `measures`: the expression given in `values` (a dict) for
   the measures it names, 0 for the others. Lets a model stack measures with union all. #}
{% macro wecheer_stack_measures(measures, values) -%}
    {%- for measure in measures %}
        {{ values.get(measure, '0') }} as {{ measure }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}
