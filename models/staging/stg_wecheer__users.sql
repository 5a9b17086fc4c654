-- Segment's users table (latest traits per user id); empty when the source has no users table.
{% set users = wecheer_source_table('wecheer', 'users') %}

with

base as (

    {{ wecheer_select_or_empty(users, [
        {'name': 'id', 'type': 'string', 'id': true},
    ] + wecheer_user_trait_columns()) }}

),

renamed as (

    select
        nullif(id, '') as user_id,
        {{ wecheer_user_traits_select() }}
    from base

),

final as (

    select * from renamed

)

select * from final
