-- Every raw event-table row is an event, a duplicate or quarantined: returns a row when the counts disagree.
with

raw_rows as (

    select count(*) as row_count from {{ ref('int_wecheer__event_rows') }}

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
