{#- The campaigns an incremental build of a per-campaign-and-day mart recomputes, each from the
    first day the events loaded since `start` can change: the earliest of their days, less the
    receipt window (a late event can change the outcome of an attempt scanned up to that long
    before it, and every card or instance after it). Columns: campaign_id, recompute_from (a
    date). -#}
{% macro wecheer_touched_campaign_days(events, start) %}
    select
        campaign_id,
        cast({{ dbt.date_trunc('day', dbt.dateadd('hour', -wecheer.wecheer_receipt_window_hours(), 'min(event_at)')) }} as date)
            as recompute_from
    from {{ events }}
    where
        campaign_id is not null
        and {{ wecheer.wecheer_is_in_load_window('loaded_at', start) }}
    group by 1
{% endmacro %}


{#- Joins a stacked source (alias `source_alias`) to the touched campaign days when the build is
    incremental: only its rows on a recomputed day of a touched campaign. -#}
{% macro wecheer_join_touched_days(source_alias, day_expression) %}
    {%- if is_incremental() -%}
        inner join touched_campaigns
            on
                {{ source_alias }}.campaign_id = touched_campaigns.campaign_id
                and {{ day_expression }} >= touched_campaigns.recompute_from
    {%- endif -%}
{% endmacro %}
