{{ config(**wecheer_incremental_config(unique_key='loaded_on')) }}
{#
    Row-level source checks, one pass over the raw event-table rows. Duplicate copies are left
    out (they are the duplicate check's), so every fault fires exactly one check. One output
    row per (check, offending raw row). A row's findings depend only on the row (and the
    catalogue): incremental by whole load days, like the classification.
#}
{% set future_minutes = var('wecheer_qa_future_tolerance_minutes', 15) %}
{% set late_hours = var('wecheer_qa_late_arrival_hours', 24) %}
{% set skew_minutes = var('wecheer_qa_clock_skew_minutes', 60) %}
{% set start = wecheer_incremental_start(this) if is_incremental() else none %}

with

classified_rows as (

    select * from {{ ref('int_wecheer__event_rows_classified') }}

),

event_catalog as (

    select * from {{ ref('stg_wecheer__event_catalog') }}

),

single_rows as (

    select
        classified_rows.*,
        event_catalog.expects_user_id,
        event_catalog.expects_advertiser_id,
        event_catalog.expects_campaign_id
    from classified_rows
    left join event_catalog
        on classified_rows.event_name = event_catalog.event_name
    where
        classified_rows.row_status <> 'duplicate'
    {{ wecheer_and_in_load_window('classified_rows.loaded_at', start) }}

),

flagged as (

    select
        *,
        trim(
            case when message_id is null then 'message id, ' else '' end
            || case when expects_user_id and user_id is null then 'user id, ' else '' end
            || case
                when expects_advertiser_id and advertiser_id is null then 'advertiser id, ' else ''
            end
            || case
                when expects_campaign_id and campaign_id is null then 'campaign id, ' else ''
            end
        ) as missing_ids,
        {{ wecheer_datediff('received_at', 'event_at', 'minute') }} as minutes_ahead_of_arrival,  -- noqa: LT05
        {{ wecheer_datediff('event_at', 'received_at', 'hour') }} as hours_late,  -- noqa: LT05
        {{ wecheer_datediff('received_at', 'sent_at', 'minute') }} as minutes_sender_skew  -- noqa: LT05
    from single_rows

),

findings as (

    select
        'missing_ids' as check_name,
        flagged.*,
        -- missing_ids ends with one comma; not rtrim(x, ','), which is rtrim(chars, x) on Spark
        'no ' || substring(flagged.missing_ids, 1, length(flagged.missing_ids) - 1) as finding
    from flagged
    where flagged.missing_ids <> ''

    union all

    select
        'unplanned_events' as check_name,
        flagged.*,
        'not in the catalogue: table ' || source_table || ', event ' || coalesce(event_text, '?')
            as finding
    from flagged
    where not is_planned

    union all

    select
        'future_timestamps' as check_name,
        flagged.*,
        case
            when received_at > {{ dbt.dateadd('hour', wecheer_plausible_future_hours(), 'loaded_at') }}
                then
                    'received_at ' || cast(received_at as {{ dbt.type_string() }})
                    || ' is after its load time ' || cast(loaded_at as {{ dbt.type_string() }})
            else
                'event time ' || cast(minutes_ahead_of_arrival as {{ dbt.type_string() }})
                || ' minutes after its arrival'
        end as finding
    from flagged
    where
        event_at > {{ dbt.dateadd('minute', future_minutes, 'received_at') }}
        -- an arrival stamped after the row was loaded (a sender's or loader's clock fault)
        or received_at > {{ dbt.dateadd('hour', wecheer_plausible_future_hours(), 'loaded_at') }}

    union all

    select
        'past_timestamps' as check_name,
        flagged.*,
        case
            when received_at < {{ wecheer_plausible_since() }}
                then 'received_at ' || cast(received_at as {{ dbt.type_string() }})
            else 'event time ' || cast(event_at as {{ dbt.type_string() }})
        end || ' is before ' || cast({{ wecheer_plausible_since() }} as {{ dbt.type_string() }})
            as finding
    from flagged
    where
        received_at < {{ wecheer_plausible_since() }}
        or event_at < {{ wecheer_plausible_since() }}

    union all

    select
        'late_arrivals' as check_name,
        flagged.*,
        'received ' || cast(hours_late as {{ dbt.type_string() }}) || ' hours after the event'
            as finding
    from flagged
    where received_at > {{ dbt.dateadd('hour', late_hours, 'event_at') }}

    union all

    select
        'clock_skew' as check_name,
        flagged.*,
        'sender clock ' || cast(minutes_sender_skew as {{ dbt.type_string() }})
        || ' minutes off Segment''s' as finding
    from flagged
    where
        sent_at > {{ dbt.dateadd('minute', skew_minutes, 'received_at') }}
        or sent_at < {{ dbt.dateadd('minute', -skew_minutes, 'received_at') }}

),

final as (

    select
        check_name,
        {{ wecheer_qa_row_columns() }},
        finding,
        loaded_at,
        loaded_on
    from findings

)

select * from final
