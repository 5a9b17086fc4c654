{#
    The dedup tie-break, the one definition used by every model that picks a row per message id:
    the first row the warehouse loaded (earliest loaded_at: the load-time column, else
    received_at; an implausible load time, before wecheer_plausible_since or after this run,
    counts as loaded last), then the earliest received_at, then the smallest source_table name,
    then the smallest row hash. A total order, so the choice is deterministic; and a row loaded
    later (a late duplicate, a replay, a backfill) never displaces one already loaded, so marts
    never change retroactively and incremental runs equal a full refresh.
#}
{% macro wecheer_dedup_order(relation_alias=none) %}
    {%- set loaded_at = ((relation_alias ~ '.') if relation_alias else '') ~ 'loaded_at' -%}
    {%- set prefix = (relation_alias ~ '.') if relation_alias else '' -%}
    case
        when {{ loaded_at }} >= {{ wecheer.wecheer_plausible_since() }}
            and {{ loaded_at }} <= {{ dbt.dateadd('hour', wecheer.wecheer_plausible_future_hours(), wecheer.wecheer_run_started_at()) }}
            then 0
        else 1
    end asc,
    {{ loaded_at }} asc,
    {{ prefix }}received_at asc,
    {{ prefix }}source_table asc,
    {{ prefix }}row_hash asc
{%- endmacro %}
