{#
    Where an incremental build starts reading raw rows: the start of the day of the latest
    received_at already in `relation` (its column `column`), minus wecheer_lookback_days days.
    Whole days, so a rebuilt day is always rebuilt completely. An empty table starts in 1900.
#}
{% macro wecheer_incremental_start(relation, column='received_at') %}
    (
        select
            {{ dbt.dateadd(
                'day',
                -wecheer.wecheer_lookback_days(),
                dbt.date_trunc('day', "coalesce(max(" ~ column ~ "), cast('1900-01-02' as " ~ dbt.type_timestamp() ~ "))"),
            ) }}
        from {{ relation }}
    )
{%- endmacro %}
