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
