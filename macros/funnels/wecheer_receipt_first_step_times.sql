{#- The receipt journey's outcome steps of an attempt, in the order of wecheer__receipts' columns
    (catalogue column receipt_step; the scan, no_reward and reward are handled apart). -#}
{% macro wecheer_receipt_outcome_steps() %}
    {{ return(['accepted', 'triaged', 'rejected', 'failed', 'fraud', 'incomplete', 'review_limit_exceeded']) }}
{% endmacro %}


{#- Aggregates of a GROUP BY per receipt attempt (rows with a `step` and an `event_at`): the first
    time of each outcome step (wecheer_receipt_outcome_steps), as <prefix><step>_at. -#}
{% macro wecheer_receipt_first_step_times(prefix='') -%}
    {%- for step in wecheer.wecheer_receipt_outcome_steps() %}
        min(case when step = '{{ step }}' then event_at end) as {{ prefix }}{{ step }}_at
        {{- ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}
