{{ config(materialized='table') }}
{#
    Daily volume per event against the same weekday of the trailing weeks: a day is anomalous
    when it exceeds `ratio` times the largest of those days (and by at least `min_rows`), or
    falls below the smallest divided by `ratio` (when that was at least `min_rows`). Needs a
    full trailing history; the last (partial) day of data and future-dated events are not judged.
#}
{% set weeks = var('wecheer_qa_volume_weeks', 4) %}
{% set ratio = var('wecheer_qa_volume_ratio', 4) %}
{% set min_rows = var('wecheer_qa_volume_min_rows', 30) %}

with

event_days as (

    select * from {{ ref('int_wecheer__qa_event_days') }}

),

bounds as (

    select
        min(event_on) as first_day,
        cast(max(last_received_at) as date) as last_day
    from event_days

),

digits as (

    {% for digit in range(10) %}
    select {{ digit }} as digit{% if not loop.last %}
    union all{% endif %}
    {% endfor %}

),

day_numbers as (

    select thousands.digit * 1000 + hundreds.digit * 100 + tens.digit * 10 + units.digit as day_number
    from digits as thousands
    cross join digits as hundreds
    cross join digits as tens
    cross join digits as units

),

calendar as (

    select cast({{ dbt.dateadd('day', 'day_numbers.day_number', 'bounds.first_day') }} as date) as event_on
    from day_numbers
    cross join bounds
    where day_numbers.day_number <= {{ dbt.datediff('bounds.first_day', 'bounds.last_day', 'day') }}

),

daily as (

    -- event_days counts per load day too: summed per event and day
    select
        event_name,
        event_on,
        sum(events) as events
    from event_days
    where event_on <= (select bounds.last_day from bounds)
    group by 1, 2

),

event_ranges as (

    select
        event_name,
        min(event_on) as first_on,
        max(event_on) as last_on
    from daily
    group by 1

),

dense as (

    select
        event_ranges.event_name,
        calendar.event_on,
        coalesce(daily.events, 0) as events
    from event_ranges
    inner join calendar
        on calendar.event_on between event_ranges.first_on and event_ranges.last_on
    left join daily
        on
            event_ranges.event_name = daily.event_name
            and calendar.event_on = daily.event_on

),

with_history as (

    select
        dense.*,
        {% for week in range(1, weeks + 1) %}
        lag(dense.events, {{ 7 * week }}) over (
            partition by dense.event_name order by dense.event_on
        ) as events_{{ week }}w_ago,
        {% endfor %}
        row_number() over (partition by dense.event_name order by dense.event_on) as day_index
    from dense

),

judged as (

    select
        *,
        greatest({% for week in range(1, weeks + 1) %}events_{{ week }}w_ago{{ ', ' if not loop.last }}{% endfor %}) as history_max,  -- noqa: LT05
        least({% for week in range(1, weeks + 1) %}events_{{ week }}w_ago{{ ', ' if not loop.last }}{% endfor %}) as history_min  -- noqa: LT05
    from with_history
    where
        day_index > {{ 7 * weeks }}
        and event_on < (select bounds.last_day from bounds)

),

final as (

    select
        'volume_anomalies' as check_name,
        cast(null as {{ dbt.type_string() }}) as source_table,
        event_name,
        {{ wecheer_qa_null_columns(['message_id', 'user_id', 'advertiser_id', 'campaign_id']) }},
        cast(event_on as {{ dbt.type_timestamp() }}) as event_at,
        cast(null as {{ dbt.type_timestamp() }}) as received_at,
        cast(
            case when events > history_max then events - history_max else history_min - events end
            as {{ dbt.type_bigint() }}
        ) as failing_rows,
        event_name || ' on ' || cast(event_on as {{ dbt.type_string() }}) || ': '
        || cast(events as {{ dbt.type_string() }}) || ' events, same weekday before: '
        || cast(history_min as {{ dbt.type_string() }}) || ' to '
        || cast(history_max as {{ dbt.type_string() }}) as finding,
        {{ wecheer_qa_null_columns(['loaded_at', 'loaded_on']) }}
    from judged
    where
        (events > {{ ratio }} * history_max and events - history_max >= {{ min_rows }})
        or (history_min >= {{ min_rows }} and events * {{ ratio }} < history_min)

)

select * from final
