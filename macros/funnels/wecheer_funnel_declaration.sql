{#- The declaration of one analyst funnel, validated: a compile error names what is wrong (unknown
    funnel, fewer than two steps, a step without an event, a bad window or count, an event outside
    the catalogue). Returns {steps, count_unit, by_campaign}. A funnel is declared in YAML, under
    var `wecheer_funnels` (dbt_project.yml) by name:
        steps: ordered list of {event: <canonical event name>, within_hours: <hours after the
               previous step; optional, no limit when absent>, name: <optional step label>,
               unplanned: <true for an event outside the catalogue; optional>}
        count: users | occurrences   (default users)
        by_campaign: true | false    (default true: steps must share the user's campaign id) -#}
{% macro wecheer_funnel_declaration(funnel_name) -%}
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
    {%- do wecheer.wecheer_funnel_check_event_names(funnel_name, steps) -%}
    {{ return({'steps': steps, 'count_unit': count_unit, 'by_campaign': by_campaign}) }}
{%- endmacro %}
