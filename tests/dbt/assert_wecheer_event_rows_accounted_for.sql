-- Every raw event-table row is an event, a duplicate or quarantined: returns a row when the counts disagree.
-- Raw rows are counted on the union itself (no catalogue join to evaluate, about a tenth of the
-- time at 10M rows, and a join that repeated rows would show here as a mismatch).
with

raw_rows as (

    select count(*) as row_count from {{ ref('stg_wecheer__event_tables') }}

),

events as (

    select count(*) as row_count from {{ ref('wecheer__events') }}

),

duplicates as (

    select count(*) as row_count from {{ ref('wecheer__event_duplicates') }}

),

quarantined as (

    select count(*) as row_count from {{ ref('wecheer__quarantined_events') }}

),

final as (

    select
        raw_rows.row_count as raw_rows,
        events.row_count as events,
        duplicates.row_count as duplicates,
        quarantined.row_count as quarantined
    from raw_rows
    cross join events
    cross join duplicates
    cross join quarantined

)

select * from final
where raw_rows != events + duplicates + quarantined
