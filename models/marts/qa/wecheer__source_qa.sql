{{ config(materialized='table') }}
{#
    One row per source check: pass when nothing was found; fail when the failing rows exceed
    the check's share of the raw rows in var wecheer_qa_fail_share (checks without a share
    only warn); warn otherwise. Freshness is judged in hours since the last received event.
#}
{% set default_fail_shares = {
    'duplicate_message_ids': 0.05,
    'missing_ids': 0.01,
    'future_timestamps': 0.01,
    'past_timestamps': 0.01,
    'late_arrivals': 0.10,
    'clock_skew': 0.05,
    'tracks_parity': 0.05,
    'orphan_ids': 0.05,
    'sequence_violations': 0.001,
} %}
{% set fail_shares = default_fail_shares %}
{% do fail_shares.update(var('wecheer_qa_fail_share', {})) %}
{% set checks = [
    'unplanned_events',
    'event_name_aliases',
    'duplicate_message_ids',
    'missing_ids',
    'future_timestamps',
    'past_timestamps',
    'late_arrivals',
    'clock_skew',
    'tracks_parity',
    'type_drift',
    'orphan_ids',
    'sequence_violations',
    'volume_anomalies',
] %}
{% set as_of = var('wecheer_qa_as_of', none) %}
{% set freshness_warn_hours = var('wecheer_qa_freshness_warn_hours', 24) %}
{% set freshness_fail_hours = var('wecheer_qa_freshness_fail_hours', 72) %}

with

findings as (

    select * from {{ ref('wecheer__qa_findings') }}

),

classified_rows as (

    select * from {{ ref('int_wecheer__event_rows_classified') }}

),

raw_totals as (

    select
        count(*) as raw_rows,
        -- an implausible arrival (2099, before 2000) never makes a stale source look fresh
        max(case when is_received_at_plausible then received_at end) as last_received_at,
        {{ wecheer_timestamp_literal(as_of, 'wecheer_qa_as_of') if as_of else wecheer_run_started_at() }} as as_of
    from classified_rows

),

freshness_inputs as (

    select
        *,
        {{ dbt.datediff('last_received_at', 'as_of', 'hour') }} as hours_since_last_received,  -- noqa: LT05
        {{ dbt.date_trunc('second', 'last_received_at') }} as last_received_to_second,
        {{ dbt.date_trunc('second', 'as_of') }} as as_of_to_second
    from raw_totals

),

check_list as (

    {% for check in checks %}
    select
        {{ loop.index }} as check_order,
        '{{ check }}' as check_name,
        {{ fail_shares.get(check, 'cast(null as ' ~ dbt.type_numeric() ~ ')') }} as fail_share
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

per_check as (

    select
        check_name,
        sum(failing_rows) as failing_rows
    from findings
    group by 1

),

finding_groups as (

    -- findings grouped by where they are (table, else event), with one example each
    select
        check_name,
        coalesce(source_table, event_name, '?') as found_in,
        sum(failing_rows) as group_rows,
        min(finding) as example
    from findings
    group by 1, 2

),

ranked_groups as (

    select
        check_name,
        found_in || ': ' || cast(group_rows as {{ dbt.type_string() }}) || ' rows (e.g. '
        || example || ')' as described,
        row_number() over (
            partition by check_name
            order by group_rows desc, found_in asc
        ) as group_rank
    from finding_groups

),

worst_findings as (

    select
        check_name,
        {{ wecheer_listagg('described', "'; '", 'group_rank') }} as worst
    from ranked_groups
    where group_rank <= 3
    group by 1

),

row_checks as (

    select
        check_list.check_order,
        check_list.check_name,
        coalesce(per_check.failing_rows, 0) as failing_rows,
        raw_totals.raw_rows as total_rows,
        check_list.fail_share,
        worst_findings.worst
    from check_list
    cross join raw_totals
    left join per_check
        on check_list.check_name = per_check.check_name
    left join worst_findings
        on check_list.check_name = worst_findings.check_name

),

judged_row_checks as (

    select
        check_order,
        check_name,
        case
            when failing_rows = 0 then 'pass'
            when fail_share is not null and failing_rows > fail_share * total_rows then 'fail'
            else 'warn'
        end as status,
        failing_rows,
        total_rows,
        case
            when failing_rows = 0 then 'No findings.'
            else
                cast(failing_rows as {{ dbt.type_string() }}) || ' of '
                || cast(total_rows as {{ dbt.type_string() }}) || ' rows ('
                -- a fixed two-decimal share: a double or numeric cast to text reads differently per engine
                || cast(cast(round(100.0 * failing_rows / total_rows, 2) as decimal(18, 2)) as {{ dbt.type_string() }})
                || '%). Worst: ' || worst
        end as detail
    from row_checks

),

freshness as (

    select
        {{ checks | length + 1 }} as check_order,
        'freshness' as check_name,
        case
            when last_received_at is null then 'warn'
            when last_received_at < {{ dbt.dateadd('hour', -freshness_fail_hours, 'as_of') }} then 'fail'
            when last_received_at < {{ dbt.dateadd('hour', -freshness_warn_hours, 'as_of') }} then 'warn'
            else 'pass'
        end as status,
        case
            when last_received_at is null then 0
            when last_received_at < {{ dbt.dateadd('hour', -freshness_warn_hours, 'as_of') }} then 1
            else 0
        end as failing_rows,
        1 as total_rows,
        case
            when last_received_at is null then 'No event has been received.'
            else
                'Last event received ' || cast(last_received_to_second as {{ dbt.type_string() }})
                || ', '
                || cast(hours_since_last_received as {{ dbt.type_string() }})
                || ' hours before ' || cast(as_of_to_second as {{ dbt.type_string() }}) || '.'
        end as detail
    from freshness_inputs

),

unioned as (

    select * from judged_row_checks
    union all
    select * from freshness

),

final as (

    select
        check_order,
        check_name,
        status,
        cast(failing_rows as {{ dbt.type_bigint() }}) as failing_rows,
        cast(total_rows as {{ dbt.type_bigint() }}) as total_rows,
        detail,
        {{ wecheer_run_started_at() }} as checked_at
    from unioned

)

select * from final
