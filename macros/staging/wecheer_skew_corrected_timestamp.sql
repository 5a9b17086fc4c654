{# Segment's skew correction, for rows whose `timestamp` is missing: received_at - (sent_at - original_timestamp). #}
{% macro wecheer_skew_corrected_timestamp(received_at, sent_at, original_timestamp) %}
    {{ return(adapter.dispatch('wecheer_skew_corrected_timestamp', 'wecheer')(received_at, sent_at, original_timestamp)) }}
{% endmacro %}


{% macro default__wecheer_skew_corrected_timestamp(received_at, sent_at, original_timestamp) %}
    ({{ received_at }} - ({{ sent_at }} - {{ original_timestamp }}))
{% endmacro %}


{% macro spark__wecheer_skew_corrected_timestamp(received_at, sent_at, original_timestamp) %}
    timestamp_micros(
        unix_micros({{ received_at }}) - (unix_micros({{ sent_at }}) - unix_micros({{ original_timestamp }}))
    )
{% endmacro %}
