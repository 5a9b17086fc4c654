{#- The columns of a source check's findings (the int_wecheer__qa_*_findings models), in order,
    each with its type ('string', 'timestamp', 'bigint' or 'date'): what wecheer__qa_findings
    unions, then the load time and day an incremental check model is replaced by. -#}
{% macro wecheer_qa_finding_types() %}
    {{ return([
        ('check_name', 'string'), ('source_table', 'string'), ('event_name', 'string'),
        ('message_id', 'string'), ('user_id', 'string'), ('advertiser_id', 'string'),
        ('campaign_id', 'string'), ('event_at', 'timestamp'), ('received_at', 'timestamp'),
        ('failing_rows', 'bigint'), ('finding', 'string'), ('loaded_at', 'timestamp'),
        ('loaded_on', 'date'),
    ]) }}
{% endmacro %}


{#- The names of the findings' columns wecheer__qa_findings shows (all but loaded_at and
    loaded_on). -#}
{% macro wecheer_qa_finding_columns() %}
    {%- set names = [] -%}
    {%- for name, type in wecheer.wecheer_qa_finding_types() if name not in ['loaded_at', 'loaded_on'] -%}
        {%- do names.append(name) -%}
    {%- endfor -%}
    {{ return(names) }}
{% endmacro %}


{#- Select-list items: a typed null for each of the findings' columns `columns` (a list of their
    names) that a check does not know, e.g. an aggregate check's message_id. -#}
{% macro wecheer_qa_null_columns(columns) %}
    {%- set types = {'string': dbt.type_string(), 'timestamp': dbt.type_timestamp(),
        'bigint': dbt.type_bigint(), 'date': 'date'} -%}
    {%- set items = [] -%}
    {%- for name, type in wecheer.wecheer_qa_finding_types() if name in columns -%}
        {%- do items.append('cast(null as ' ~ types[type] ~ ') as ' ~ name) -%}
    {%- endfor -%}
    {{ return(items | join(',\n        ')) }}
{% endmacro %}


{#- Select-list items of a row-level check's finding, from source_table to failing_rows (1): the
    offending row's columns, each read with `prefix` (a relation alias and a dot), its message id
    from `message_id` (an expression). -#}
{% macro wecheer_qa_row_columns(prefix='', message_id='message_id') %}
    {%- set items = [] -%}
    {%- for name in ['source_table', 'event_name', 'message_id', 'user_id', 'advertiser_id',
        'campaign_id', 'event_at', 'received_at'] -%}
        {%- if name != 'message_id' -%}
            {%- do items.append(prefix ~ name) -%}
        {%- elif message_id == 'message_id' -%}
            {%- do items.append(prefix ~ 'message_id') -%}
        {%- else -%}
            {%- do items.append(message_id ~ ' as message_id') -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do items.append('cast(1 as ' ~ dbt.type_bigint() ~ ') as failing_rows') -%}
    {{ return(items | join(',\n        ')) }}
{% endmacro %}
