{#- The journey events of user-campaign streams, for the stream marts (receipts, punchcards) and the
    sequence check: from the CTEs `events` and `event_catalog` (left-joined on the event name),
    the events with a user and a campaign id that satisfy `is_journey_event` (a condition on
    both), and in an incremental build only those of the CTE `touched_streams` (one row per
    stream_hash: an inner join, which engines build on the few touched streams; an IN subquery let
    DuckDB build its hash table on the events instead). The join already leaves out rows
    without a user or campaign: also filtering them in the scan kept DuckDB from filtering the
    events by the touched streams while reading them, which made the join several times
    slower. The from and where clauses. -#}
{% macro wecheer_journey_events_from(is_journey_event) -%}
    from events
    {%- if is_incremental() %}
    inner join touched_streams
        on events.stream_hash = touched_streams.stream_hash
    {%- endif %}
    left join event_catalog
        on events.event_name = event_catalog.event_name
    where
        {%- if not is_incremental() %}
        events.user_id is not null
        and events.campaign_id is not null
        and
        {%- endif %}
        ({{ is_journey_event }})
{%- endmacro %}


{#- Those journey events (wecheer_journey_events_from) as a select: the event's id, user,
    advertiser, campaign, time and load time, its `step` and its `causal_rank` (expressions: the
    step's name, and its rank in the journey, which breaks ties between events of the same
    second). -#}
{% macro wecheer_journey_events(step, causal_rank, is_journey_event) -%}
    select
        events.event_id,
        events.user_id,
        events.advertiser_id,
        events.campaign_id,
        events.event_at,
        events.loaded_at,
        {{ step }} as step,
        {{ causal_rank }} as causal_rank
    {{ wecheer.wecheer_journey_events_from(is_journey_event) }}
{%- endmacro %}
