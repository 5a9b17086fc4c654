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
