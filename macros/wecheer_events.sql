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


{#
    The dedup tie-break, the one definition used by every model that picks a row per message id:
    earliest received_at (Segment's first arrival), then earliest uuid_ts (first load; nulls
    last), then source_table name, then the row hash. A total order, so the choice is
    deterministic; and since "earliest" only moves back when an earlier row appears, a late
    duplicate never displaces a row already loaded, which keeps incremental runs equal to a
    full refresh.
#}
{% macro wecheer_dedup_order(relation_alias=none) %}
    {%- set prefix = (relation_alias ~ '.') if relation_alias else '' -%}
    {{ prefix }}received_at asc,
    {{ prefix }}uuid_ts asc nulls last,
    {{ prefix }}source_table asc,
    {{ prefix }}row_hash asc
{%- endmacro %}


{#
    A hash of a row's columns, as a string: the last dedup tie-break, and a public column of
    wecheer__events and wecheer__event_duplicates. md5 of the columns cast to strings and joined
    with '|' (nulls as '<null>') on every engine, so the value and the row kept among exact ties
    are the same on DuckDB, PostgreSQL and the rest. (DuckDB's own hash() was faster but its
    values exist only on DuckDB.)
#}
{% macro wecheer_row_hash(columns) %}
    {{ return(adapter.dispatch('wecheer_row_hash', 'wecheer')(columns)) }}
{% endmacro %}

{% macro default__wecheer_row_hash(columns) %}
    {#- concat_ws: the same string as a chain of || (every part is non-null), about a third cheaper on DuckDB -#}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- do parts.append("coalesce(cast(" ~ column ~ " as " ~ wecheer_type('string') ~ "), '<null>')") -%}
    {%- endfor -%}
    {{- dbt.hash("concat_ws('|', " ~ parts | join(', ') ~ ")") -}}
{%- endmacro %}



{# The incremental lookback in days, validated: a negative or non-integer value is refused at compile time. #}
{% macro wecheer_lookback_days() %}
    {% set days = var('wecheer_lookback_days', 3) %}
    {% if days is not number or days < 0 or days != days | int %}
        {{ exceptions.raise_compiler_error("var wecheer_lookback_days must be a non-negative integer, got " ~ days) }}
    {% endif %}
    {{ return(days | int) }}
{% endmacro %}


{# Splits CamelCase into words ('AppOpened' -> 'App Opened'), so both spellings of an event the catalogue does not know get one name. #}
{% macro wecheer_split_camel_case(expression) %}
    {{ return(adapter.dispatch('wecheer_split_camel_case', 'wecheer')(expression)) }}
{% endmacro %}

{% macro default__wecheer_split_camel_case(expression) %}
    regexp_replace({{ expression }}, '([a-z0-9])([A-Z])', '\1 \2', 'g')
{% endmacro %}

{% macro spark__wecheer_split_camel_case(expression) %}
    regexp_replace({{ expression }}, '([a-z0-9])([A-Z])', '$1 $2')
{% endmacro %}


{#
    Where an incremental build starts reading raw rows: the start of the day of the latest
    received_at already in `relation` (its column `column`), minus wecheer_lookback_days days.
    Whole days, so a rebuilt day is always rebuilt completely. An empty table starts in 1900.
#}
{% macro wecheer_incremental_start(relation, column='received_at') %}
    (
        select
            {{ dbt.dateadd(
                'day',
                -wecheer_lookback_days(),
                dbt.date_trunc('day', "coalesce(max(" ~ column ~ "), cast('1900-01-02' as " ~ dbt.type_timestamp() ~ "))"),
            ) }}
        from {{ relation }}
    )
{%- endmacro %}
