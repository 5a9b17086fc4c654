-- Analyst-maintained advertiser attributes; empty when the reference table does not exist.
{% set advertisers = load_relation(source('wecheer_reference', 'advertisers')) %}

with

base as (

    {{ wecheer_select_or_empty(advertisers, [
        {'name': 'advertiser_id', 'type': 'string'},
        {'name': 'advertiser_name', 'type': 'string'},
        {'name': 'industry', 'type': 'string'},
    ]) }}

),

renamed as (

    select
        nullif(advertiser_id, '') as advertiser_id,
        advertiser_name,
        industry
    from base

),

final as (

    select * from renamed

)

select * from final
