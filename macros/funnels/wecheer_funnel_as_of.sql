{# The instant "pending" is judged against: var wecheer_funnel_as_of (a date or timestamp such as
   '2026-03-01 00:00:00', validated) or, by default, the latest plausible received_at of a kept
   event (int_wecheer__event_activity: a row stamped in the future never makes every pending
   receipt abandoned). #}
{% macro wecheer_funnel_as_of() -%}
    {%- set as_of = var('wecheer_funnel_as_of', none) -%}
    {%- if as_of is none -%}
        (
            select max(last_received_at) from {{ ref('int_wecheer__event_activity') }}
            where row_status = 'event'
        )
    {%- else -%}
        {{ wecheer.wecheer_timestamp_literal(as_of, 'wecheer_funnel_as_of') }}
    {%- endif -%}
{%- endmacro %}
