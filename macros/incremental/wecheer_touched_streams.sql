{#- The user-campaign streams an incremental build of a stream mart (receipts, punchcards,
    lifecycles, the sequence check) recomputes from their whole history: those with one of its
    journey events loaded from `start` on (wecheer_is_in_load_window). `journey` is a list of
    event names, or a condition on `events` and the catalogue seed `event_catalog` (left-joined
    on the event name when `catalog` is given). A stream's rows depend on nothing but its own
    events, so recomputing the touched streams equals a full refresh. Pass the relation
    (`ref('wecheer__events')`), not a CTE the model reads again: engines materialize every
    column of a CTE read twice. The streams are their stream_hash (wecheer_stream_hash): readers
    join the events on that one integer column, which DuckDB reads far faster than the two id
    strings of every event; a hash two streams share only recomputes one more stream whole,
    which changes no row. -#}
{% macro wecheer_touched_streams(events, journey, start, catalog=none) %}
    select distinct events.stream_hash
    from {{ events }} as events
    {%- if catalog is not none %}
    left join {{ catalog }} as event_catalog
        on events.event_name = event_catalog.event_name
    {%- endif %}
    where
        events.stream_hash is not null
        and {{ wecheer.wecheer_is_in_load_window('events.loaded_at', start) }}
        and {{ ('(' ~ journey ~ ')') if journey is string else ('events.event_name in ' ~ wecheer.wecheer_sql_list(journey)) }}
{% endmacro %}


{#- Whether a row belongs to one of the streams of the CTE or relation `touched`: its columns
    `keys` (default the stream's hash, stream_hash; each with `prefix`) are one of its rows. -#}
{% macro wecheer_is_touched_stream(touched='touched_streams', prefix='', keys=['stream_hash']) %}
    {%- set own = [] -%}
    {%- set theirs = [] -%}
    {%- for key in keys -%}
        {%- do own.append(prefix ~ key) -%}
        {%- do theirs.append(touched ~ '.' ~ key) -%}
    {%- endfor -%}
    {{- return('(' ~ own | join(', ') ~ ') in (select ' ~ theirs | join(', ') ~ ' from ' ~ touched ~ ')') -}}
{% endmacro %}


{#- A 64-bit hash of a user-campaign stream's key (wecheer_hash64 of the user id, a separator
    and the campaign id; null when either is null): wecheer__events.stream_hash, and the hash
    of a stream a mart already holds. The one definition, so both always agree. -#}
{% macro wecheer_stream_hash(user_id='user_id', campaign_id='campaign_id') %}
    {{- return(wecheer.wecheer_hash64(user_id ~ " || '|' || " ~ campaign_id)) -}}
{% endmacro %}
