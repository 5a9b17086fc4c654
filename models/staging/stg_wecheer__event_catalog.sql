-- The event catalogue seed: one row per planned Wecheer event, with both spellings and both table names.
with

base as (

    select * from {{ ref('wecheer_event_catalog') }}

),

renamed as (

    select
        cast(event_name as {{ dbt.type_string() }}) as event_name,
        cast(wire_name as {{ dbt.type_string() }}) as wire_name,
        cast(table_from_event_name as {{ dbt.type_string() }}) as table_from_event_name,
        cast(table_from_wire_name as {{ dbt.type_string() }}) as table_from_wire_name,
        cast(category as {{ dbt.type_string() }}) as category,
        cast(description as {{ dbt.type_string() }}) as event_description,
        cast(expects_user_id as {{ dbt.type_boolean() }}) as expects_user_id,
        cast(expects_advertiser_id as {{ dbt.type_boolean() }}) as expects_advertiser_id,
        cast(expects_campaign_id as {{ dbt.type_boolean() }}) as expects_campaign_id
    from base

),

final as (

    select * from renamed

)

select * from final
