{#- The user-campaign streams an incremental build of a stream mart (receipts, punchcards,
    lifecycles) recomputes from their whole history: those with an event of `event_names`
    loaded from `start` on (wecheer_is_in_load_window). A stream's rows depend on nothing but its
    own events, so recomputing the touched streams equals a full refresh. -#}
{% macro wecheer_touched_streams(events, event_names, start) %}
    select distinct
        user_id,
        campaign_id
    from {{ events }}
    where
        user_id is not null
        and campaign_id is not null
        and event_name in {{ wecheer_sql_list(event_names) }}
        and {{ wecheer_is_in_load_window('loaded_at', start) }}
{% endmacro %}


{#- Whether a row belongs to one of the streams of the CTE or relation `touched`. -#}
{% macro wecheer_is_touched_stream(touched='touched_streams', prefix='') %}
    {{- return('(' ~ prefix ~ 'user_id, ' ~ prefix ~ 'campaign_id) in (select ' ~ touched ~ '.user_id, '
        ~ touched ~ '.campaign_id from ' ~ touched ~ ')') -}}
{% endmacro %}
