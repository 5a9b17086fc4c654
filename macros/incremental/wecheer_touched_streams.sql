{#- The user-campaign streams an incremental build of a stream mart (receipts, punchcards,
    lifecycles, the sequence check) recomputes from their whole history: those with one of its
    journey events loaded from `start` on (wecheer_is_in_load_window). `journey` is a list of
    event names, or a condition on `events` and the catalogue seed `event_catalog` (left-joined
    on the event name when `catalog` is given). A stream's rows depend on nothing but its own
    events, so recomputing the touched streams equals a full refresh. Pass the relation
    (`ref('wecheer__events')`), not a CTE the model reads again: engines materialize every
    column of a CTE read twice. -#}
{% macro wecheer_touched_streams(events, journey, start, catalog=none) %}
    select distinct
        events.user_id,
        events.campaign_id
    from {{ events }} as events
    {%- if catalog is not none %}
    left join {{ catalog }} as event_catalog
        on events.event_name = event_catalog.event_name
    {%- endif %}
    where
        events.user_id is not null
        and events.campaign_id is not null
        and {{ wecheer.wecheer_is_in_load_window('events.loaded_at', start) }}
        and {{ ('(' ~ journey ~ ')') if journey is string else ('events.event_name in ' ~ wecheer.wecheer_sql_list(journey)) }}
{% endmacro %}


{#- Whether a row belongs to one of the streams of the CTE or relation `touched`: its columns
    `keys` (default user_id and campaign_id; each with `prefix`) are one of its rows. -#}
{% macro wecheer_is_touched_stream(touched='touched_streams', prefix='', keys=['user_id', 'campaign_id']) %}
    {%- set own = [] -%}
    {%- set theirs = [] -%}
    {%- for key in keys -%}
        {%- do own.append(prefix ~ key) -%}
        {%- do theirs.append(touched ~ '.' ~ key) -%}
    {%- endfor -%}
    {{- return('(' ~ own | join(', ') ~ ') in (select ' ~ theirs | join(', ') ~ ' from ' ~ touched ~ ')') -}}
{% endmacro %}
