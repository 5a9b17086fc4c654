-- Analyst-maintained advertiser attributes; empty when the reference table does not exist.
{% set advertisers = wecheer_source_table('wecheer_reference', 'advertisers') %}

with

base as (

    {{ wecheer_select_or_empty(advertisers, [
        {'name': 'advertiser_id', 'type': 'string', 'id': true},
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
