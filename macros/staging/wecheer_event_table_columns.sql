{#
    The columns read from every raw event table, with the type each is cast to. Ids are strings
    whatever their raw type (Segment fixes a column's type from its first value, so
    `campaign_id` can be BIGINT in one table and VARCHAR in another).
#}
{% macro wecheer_event_table_columns() %}
    {{ return([
        {'name': 'id', 'type': 'string'},
        {'name': 'user_id', 'type': 'string'},
        {'name': '_user_id', 'type': 'string'},
        {'name': 'anonymous_id', 'type': 'string'},
        {'name': 'advertiser_id', 'type': 'string'},
        {'name': 'campaign_id', 'type': 'string'},
        {'name': 'event', 'type': 'string'},
        {'name': 'event_text', 'type': 'string'},
        {'name': 'original_timestamp', 'type': 'timestamp'},
        {'name': 'sent_at', 'type': 'timestamp'},
        {'name': 'received_at', 'type': 'timestamp'},
        {'name': 'timestamp', 'type': 'timestamp'},
        {'name': 'uuid_ts', 'type': 'timestamp'},
        {'name': 'context_library_name', 'type': 'string'},
        {'name': 'context_library_version', 'type': 'string'},
    ]) }}
{% endmacro %}
