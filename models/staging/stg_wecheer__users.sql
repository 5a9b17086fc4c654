-- Segment's users table (latest traits per user id); empty when the source has no users table.
{% set users = wecheer_source_table('wecheer', 'users') %}

with

base as (

    {{ wecheer_select_or_empty(users, [
        {'name': 'id', 'type': 'string', 'id': true},
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
        nullif(id, '') as user_id,
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
