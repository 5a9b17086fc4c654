{#- The receipt attempts of wecheer__receipts, as CTEs ending in one named `attempts`: one row per
    (user_id, campaign_id, attempt_number) with the scan (receipt_attempt_id, advertiser_id,
    scanned_at) and the first time of each outcome step inside the attempt's window. Reads the
    CTE `receipt_events` of the model (event_id, user_id, advertiser_id, campaign_id, event_at,
    step, causal_rank). Both versions give the same rows; see the doc block wecheer__receipts. -#}
{% macro wecheer_receipt_attempts(window_hours) -%}
    {{ return(adapter.dispatch('wecheer_receipt_attempts', 'wecheer')(window_hours)) }}
{%- endmacro %}
