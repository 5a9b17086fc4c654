-- Every raw event-table row classified as the kept event, a duplicate of it, or quarantined.
with

event_rows as (

    select * from {{ ref('int_wecheer__event_rows') }}

),

usable as (

    select
        *,
        row_number() over (
            partition by message_id
            order by {{ wecheer_dedup_order() }}
        ) as duplicate_rank
    from event_rows
    where quarantine_reason is null

),

quarantined as (

    select
        *,
        cast(null as {{ dbt.type_bigint() }}) as duplicate_rank
    from event_rows
    where quarantine_reason is not null

),

unioned as (

    select * from usable
    union all
    select * from quarantined

),

final as (

    select
        *,
        case
            when quarantine_reason is not null then 'quarantined'
            when duplicate_rank = 1 then 'event'
            else 'duplicate'
        end as row_status
    from unioned

)

select * from final
