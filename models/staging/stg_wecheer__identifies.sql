-- Identify calls with the traits the package knows; empty when the source has no identifies table.
{% set identifies = wecheer_source_table('wecheer', 'identifies') %}

with

base as (

    {{ wecheer_select_or_empty(identifies, [
        {'name': 'id', 'type': 'string', 'id': true},
        {'name': 'user_id', 'type': 'string', 'id': true},
        {'name': 'anonymous_id', 'type': 'string', 'id': true},
        {'name': 'timestamp', 'type': 'timestamp'},
        {'name': 'received_at', 'type': 'timestamp'},
        {'name': wecheer_load_time_column(), 'type': 'timestamp'},
        {'name': 'email', 'type': 'string'},
        {'name': 'phone', 'type': 'string'},
        {'name': 'first_name', 'type': 'string'},
        {'name': 'last_name', 'type': 'string'},
        {'name': 'birthday', 'type': 'date'},
        {'name': 'city', 'type': 'string'},
        {'name': 'country', 'type': 'string'},
    ]) }}

),

renamed as (

    select
        nullif(id, '') as identify_id,
        nullif(user_id, '') as user_id,
        nullif(anonymous_id, '') as anonymous_id,
        {{ wecheer_quote_identifier('timestamp') }} as identified_at,
        received_at,
        coalesce({{ wecheer_quote_identifier(wecheer_load_time_column()) }}, received_at) as loaded_at,
        email,
        phone,
        first_name,
        last_name,
        birthday as birthday_on,
        city,
        country
    from base

),

final as (

    select * from renamed

)

select * from final
