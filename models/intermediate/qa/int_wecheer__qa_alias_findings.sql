-- One catalogue event under several spellings or tables: the rows outside its most common variant.
with

event_variants as (

    select * from {{ ref('int_wecheer__qa_event_variants') }}

),

variants as (

    select
        event_name,
        source_table,
        event_text,
        sum(variant_rows) as variant_rows
    from event_variants
    group by 1, 2, 3

),

ranked as (

    select
        *,
        count(*) over (partition by event_name) as variants,
        row_number() over (
            partition by event_name
            order by variant_rows desc, source_table asc, event_text asc
        ) as variant_rank
    from variants

),

final as (

    select
        'event_name_aliases' as check_name,
        source_table,
        event_name,
        {{ wecheer_qa_null_columns([
            'message_id', 'user_id', 'advertiser_id', 'campaign_id', 'event_at', 'received_at',
        ]) }},
        cast(variant_rows as {{ dbt.type_bigint() }}) as failing_rows,
        event_name || ' also arrives as ''' || event_text || ''' in table ' || source_table
            as finding,
        {{ wecheer_qa_null_columns(['loaded_at', 'loaded_on']) }}
    from ranked
    where variants > 1 and variant_rank > 1

)

select * from final
