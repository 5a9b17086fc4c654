{{ config(**wecheer_incremental_config(unique_key='loaded_on')) }}
{#
    How many raw rows (duplicate copies left out) carry each campaign id and advertiser id
    together, per load day: what the orphan-id check judges, without reading every row. Either
    id may be null. Incremental by whole load days, like the classification it reads.
#}
{% set start = wecheer_incremental_start(this) if is_incremental() else none %}

with

classified_rows as (

    select * from {{ ref('int_wecheer__event_rows_classified') }}

),

final as (

    select
        campaign_id,
        advertiser_id,
        loaded_on,
        count(*) as row_count,
        max(loaded_at) as loaded_at
    from classified_rows
    where
        row_status <> 'duplicate'
    {{ wecheer_and_in_load_window('loaded_at', start) }}
    group by 1, 2, 3

)

select * from final
