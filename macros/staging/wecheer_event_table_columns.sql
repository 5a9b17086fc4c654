{#
    The columns read from every raw event table, with the type each is read as (`id`: one
    canonical text whatever the raw type; Segment fixes a column's type from its first value,
    so `campaign_id` can be BIGINT in one table, DOUBLE or VARCHAR in another). The load-time
    column is Segment's `uuid_ts` unless var wecheer_load_time_column names another
    (BigQuery: `loaded_at`).
#}
{% macro wecheer_event_table_columns() %}
    {{ return([
        {'name': 'id', 'type': 'string', 'id': true},
        {'name': 'user_id', 'type': 'string', 'id': true},
        {'name': '_user_id', 'type': 'string', 'id': true},
        {'name': 'anonymous_id', 'type': 'string', 'id': true},
        {'name': 'advertiser_id', 'type': 'string', 'id': true},
        {'name': 'campaign_id', 'type': 'string', 'id': true},
        {'name': 'event', 'type': 'string'},
        {'name': 'event_text', 'type': 'string'},
        {'name': 'original_timestamp', 'type': 'timestamp'},
        {'name': 'sent_at', 'type': 'timestamp'},
        {'name': 'received_at', 'type': 'timestamp'},
        {'name': 'timestamp', 'type': 'timestamp'},
        {'name': wecheer.wecheer_load_time_column(), 'type': 'timestamp'},
        {'name': 'context_library_name', 'type': 'string'},
        {'name': 'context_library_version', 'type': 'string'},
    ]) }}
{% endmacro %}
