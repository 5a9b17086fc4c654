{#- DuckDB's receipt attempts, second half: from `grouped` (one row per attempt, the first time of
    each step in the attempt, the lists of no-reward and reward times), the steps inside the
    attempt's window (window_hours after the scan), and the no-reward and reward at or after the
    acceptance: the CTE `attempts` (macro wecheer_receipt_attempts). -#}
{% macro duckdb__wecheer_receipt_attempts_in_window(window_hours) -%}
windowed as (

    select
        *,
        {{ dbt.dateadd('hour', window_hours, 'scanned_at') }} as window_ends_at
    from grouped

),

accepted as (

    select
        *,
        case when first_accepted_at <= window_ends_at then first_accepted_at end as accepted_at
    from windowed

),

attempts as (

    select
        user_id,
        campaign_id,
        attempt_number,
        receipt_attempt_id,
        advertiser_id,
        scanned_at,
        accepted_at,
        {%- for step in wecheer.wecheer_receipt_outcome_steps()[1:] %}
        case when first_{{ step }}_at <= window_ends_at then first_{{ step }}_at end as {{ step }}_at,
        {%- endfor %}
        list_min(
            list_filter(no_reward_times, lambda t: t >= accepted_at and t <= window_ends_at)
        ) as no_reward_at,
        list_min(
            list_filter(reward_times, lambda t: t >= accepted_at and t <= window_ends_at)
        ) as rewarded_at
    from accepted

)
{%- endmacro %}
