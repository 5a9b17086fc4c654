-- Identify calls with the traits the package knows; empty when the source has no identifies table.
{% set identifies = wecheer_source_table('wecheer', 'identifies') %}

with

base as (

    {{ wecheer_select_or_empty(identifies, [
        {'name': 'id', 'type': 'string', 'id': true},
        {'name': 'user_id', 'type': 'string', 'id': true},
        {'name': 'anonymous_id', 'type': 'string', 'id': true},
        {'name': 'timestamp', 'type': 'timestamp'},
    ] + wecheer_user_trait_columns()) }}

),

renamed as (

    select
        nullif(id, '') as identify_id,
        nullif(user_id, '') as user_id,
        nullif(anonymous_id, '') as anonymous_id,
        {{ wecheer_quote_identifier('timestamp') }} as identified_at,
        {{ wecheer_user_traits_select() }}
    from base

),

final as (

    select * from renamed

)

select * from final
