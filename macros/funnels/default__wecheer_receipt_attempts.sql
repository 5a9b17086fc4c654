{#- Portable SQL (PostgreSQL, Spark): one window pass over each user's campaign stream numbers the
    attempts, one GROUP BY folds each attempt's outcome events into columns. -#}
{% macro default__wecheer_receipt_attempts(window_hours) %}
sequenced as (

    -- attempt_number: scans so far in this user's campaign stream; attempt_scanned_at: the
    -- time of the latest scan; last_accepted_at: the latest acceptance so far (it belongs to
    -- the current attempt when it is not before the current scan). The order key is unique
    -- (event_id), so the default frame (range up to the current row) is the running total; it
    -- is also the frame engines compute fastest
    select
        event_id,
        user_id,
        advertiser_id,
        campaign_id,
        event_at,
        step,
        count(case when step = 'scan' then 1 end) over stream as attempt_number,
        max(case when step = 'scan' then event_at end) over stream as attempt_scanned_at,
        max(case when step = 'accepted' then event_at end) over stream as last_accepted_at
    from receipt_events
    window stream as (
        partition by user_id, campaign_id
        order by event_at, causal_rank, event_id
    )

),

in_window as (

    -- events before the user's first scan belong to no attempt; events after the window are
    -- not part of the attempt; rewards count only after the attempt was accepted
    select
        *,
        coalesce(last_accepted_at >= attempt_scanned_at, false) as is_after_acceptance
    from sequenced
    where
        attempt_number > 0
        and event_at <= {{ dbt.dateadd('hour', window_hours, 'attempt_scanned_at') }}

),

attempts as (

    select
        user_id,
        campaign_id,
        attempt_number,
        max(case when step = 'scan' then event_id end) as receipt_attempt_id,
        max(case when step = 'scan' then advertiser_id end) as advertiser_id,
        max(attempt_scanned_at) as scanned_at,
        {{ wecheer.wecheer_receipt_first_step_times() }},
        min(case when step = 'no_reward' and is_after_acceptance then event_at end)
            as no_reward_at,
        min(case when step = 'reward' and is_after_acceptance then event_at end) as rewarded_at
    from in_window
    group by 1, 2, 3

)
{% endmacro %}
