{#- The columns both user sources (identifies, users) share after their ids, as column specs for
    wecheer_select_or_empty: when Segment received the row, the load-time column
    (wecheer_load_time_column) and the traits the package knows. -#}
{% macro wecheer_user_trait_columns() %}
    {{ return([
        {'name': 'received_at', 'type': 'timestamp'},
        {'name': wecheer.wecheer_load_time_column(), 'type': 'timestamp'},
        {'name': 'email', 'type': 'string'},
        {'name': 'phone', 'type': 'string'},
        {'name': 'first_name', 'type': 'string'},
        {'name': 'last_name', 'type': 'string'},
        {'name': 'birthday', 'type': 'date'},
        {'name': 'city', 'type': 'string'},
        {'name': 'country', 'type': 'string'},
    ]) }}
{% endmacro %}


{#- Select-list items renaming those columns (wecheer_user_trait_columns) for staging: loaded_at
    (the load time, else received_at) and birthday_on. -#}
{% macro wecheer_user_traits_select() -%}
    received_at,
        coalesce({{ wecheer.wecheer_quote_identifier(wecheer.wecheer_load_time_column()) }}, received_at) as loaded_at,
        email,
        phone,
        first_name,
        last_name,
        birthday as birthday_on,
        city,
        country
{%- endmacro %}
