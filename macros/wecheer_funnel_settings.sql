{# Settings shared by the funnel marts (issue 4). Each reads a var so a project can override it
   in its dbt_project.yml without editing SQL; the defaults are Wecheer's documented journeys. #}

{# Hours an attempt stays open after its Scan Receipt (unless the next scan comes first). #}
{% macro wecheer_receipt_window_hours() -%}
    {%- set hours = var('wecheer_receipt_window_hours', 72) -%}
    {%- if hours is not number or hours <= 0 -%}
        {{ exceptions.raise_compiler_error(
            "var wecheer_receipt_window_hours must be a positive number of hours, got " ~ hours) }}
    {%- endif -%}
    {{ return(hours) }}
{%- endmacro %}

{# The instant "pending" is judged against: var wecheer_funnel_as_of (a timestamp literal such as
   '2026-03-01 00:00:00') or, by default, the latest received_at in the given relation. #}
{% macro wecheer_funnel_as_of(relation) -%}
    {%- set as_of = var('wecheer_funnel_as_of', none) -%}
    {%- if as_of is none -%}
        (select max(received_at) from {{ relation }})
    {%- else -%}
        cast('{{ as_of }}' as {{ dbt.type_timestamp() }})
    {%- endif -%}
{%- endmacro %}

{# Events that reward an accepted receipt (the receipt's outcome is then `rewarded`). #}
{% macro wecheer_receipt_reward_events() -%}
    {{ return(var('wecheer_receipt_reward_events', [
        'Points Received',
        'Stamps Given',
        'Punchcard Stamps Received',
        'Lucky Draw Received',
        'Reward Received',
        'First Consumption Given',
        'Any Consumption Given',
    ])) }}
{%- endmacro %}

{# Events that put a stamp on a punchcard (the first one after a completion starts a new card). #}
{% macro wecheer_punchcard_stamp_events() -%}
    {{ return(var('wecheer_punchcard_stamp_events', ['Punchcard Stamps Received'])) }}
{%- endmacro %}

{# A quoted, comma-separated SQL list of strings: ('a', 'b'). #}
{% macro wecheer_sql_list(values) -%}
    ({%- for value in values -%}
        '{{ value | replace("'", "''") }}'{{ ", " if not loop.last }}
    {%- endfor -%})
{%- endmacro %}

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
        {{ wecheer_ratio(count_column, steps[loop.index0 - 1][1] if not loop.first else count_column) }}
            as step_conversion,
        {{ wecheer_ratio(count_column, steps[0][1]) }} as overall_conversion
    from {{ relation }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}

{# numerator / denominator as a double, null when the denominator is 0 (integer division differs
   across engines, and dbt.type_float() is single precision on DuckDB). #}
{% macro wecheer_ratio(numerator, denominator) -%}
    {{ return(adapter.dispatch('wecheer_ratio', 'wecheer')(numerator, denominator)) }}
{%- endmacro %}

{% macro default__wecheer_ratio(numerator, denominator) -%}
    cast({{ numerator }} as double precision) / nullif({{ denominator }}, 0)
{%- endmacro %}

{% macro spark__wecheer_ratio(numerator, denominator) -%}
    cast({{ numerator }} as double) / nullif({{ denominator }}, 0)
{%- endmacro %}

{# One select list of every measure in `measures`: the expression given in `values` (a dict) for
   the measures it names, 0 for the others. Lets a model stack measures with union all. #}
{% macro wecheer_stack_measures(measures, values) -%}
    {%- for measure in measures %}
        {{ values.get(measure, '0') }} as {{ measure }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}
