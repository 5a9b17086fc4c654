{#- The keys an incremental build recomputes from all their rows: the distinct values of the
    columns `keys` (a list, none of them null) on the rows of `events` (a CTE or relation with a
    loaded_at column) loaded from `start` on (wecheer_is_in_load_window). With
    wecheer_is_touched_stream(touched, keys=keys), the filter of the rows to recompute. Pass the
    relation rather than a CTE the model reads again (engines materialize a CTE read twice). -#}
{% macro wecheer_touched_keys(events, keys, start) %}
    select distinct
        {{ keys | join(',\n        ') }}
    from {{ events }}
    where
        {% for key in keys -%}
        {{ key }} is not null
        and {% endfor -%}
        {{ wecheer.wecheer_is_in_load_window('loaded_at', start) }}
{% endmacro %}
