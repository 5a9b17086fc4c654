{#- DuckDB: one window pass with a single running count (no running max carried through the
    sort), then one GROUP BY per attempt; the window limit and the "after acceptance" rule are
    applied after grouping. Same rules as the portable version:
    - the first event of a step inside the attempt is the first of that step in the attempt,
      kept when it is inside the window (events only get later);
    - an acceptance before a reward in the stream is one at or before the reward's second
      (acceptances rank 1 and 3, rewards and no-reward 4), so a reward or no-reward counts when it
      is in the window and not before the attempt's first acceptance in the window. -#}
{% macro duckdb__wecheer_receipt_attempts(window_hours) %}
narrowed as (

    -- only scans carry their id and advertiser through the sort: the ids order scans of the
    -- same second; other events of the same second and rank are peers (no scan among them)
    select
        user_id,
        campaign_id,
        event_at,
        step,
        case when step = 'scan' then event_id end as scan_event_id,
        case when step = 'scan' then advertiser_id end as scan_advertiser_id
    from receipt_events

),

sequenced as (

    select
        *,
        count(case when step = 'scan' then 1 end) over (
            partition by user_id, campaign_id
            order by event_at, scan_event_id nulls last
        ) as attempt_number
    from narrowed

),

grouped as (

    select
        user_id,
        campaign_id,
        attempt_number,
        max(scan_event_id) as receipt_attempt_id,
        max(scan_advertiser_id) as advertiser_id,
        max(case when step = 'scan' then event_at end) as scanned_at,
        {{ wecheer.wecheer_receipt_first_step_times('first_') }},
        list(event_at) filter (where step = 'no_reward') as no_reward_times,
        list(event_at) filter (where step = 'reward') as reward_times
    from sequenced
    where attempt_number > 0
    group by 1, 2, 3

),

{{ wecheer.duckdb__wecheer_receipt_attempts_in_window(window_hours) }}
{% endmacro %}
