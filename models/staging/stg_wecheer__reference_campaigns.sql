-- Analyst-maintained campaign attributes; empty when the reference table does not exist.
{% set campaigns = wecheer_source_table('wecheer_reference', 'campaigns') %}

with

base as (

    {{ wecheer_select_or_empty(campaigns, [
        {'name': 'campaign_id', 'type': 'string', 'id': true},
        {'name': 'advertiser_id', 'type': 'string', 'id': true},
        {'name': 'campaign_name', 'type': 'string'},
        {'name': 'mechanic', 'type': 'string'},
        {'name': 'starts_on', 'type': 'date'},
        {'name': 'ends_on', 'type': 'date'},
        {'name': 'punchcard_stamps', 'type': 'integer'},
        {'name': 'punchcard_steps', 'type': 'integer'},
        {'name': 'audience', 'type': 'string'},
    ]) }}

),

renamed as (

    select
        nullif(campaign_id, '') as campaign_id,
        nullif(advertiser_id, '') as advertiser_id,
        campaign_name,
        mechanic,
        starts_on,
        ends_on,
        punchcard_stamps,
        punchcard_steps,
        audience
    from base

),

final as (

    select * from renamed

)

select * from final
