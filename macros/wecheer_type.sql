{# Maps a short type name used in the column specs to the engine's type, through dbt's cross-db type macros. #}
{% macro wecheer_type(kind) %}
    {%- set kinds = {
        'string': dbt.type_string(),
        'bigint': dbt.type_bigint(),
        'integer': dbt.type_int(),
        'timestamp': dbt.type_timestamp(),
        'boolean': dbt.type_boolean(),
        'numeric': dbt.type_numeric(),
        'date': 'date',
    } -%}
    {%- if kind not in kinds -%}
        {{ exceptions.raise_compiler_error("wecheer_type: unknown type '" ~ kind ~ "'") }}
    {%- endif -%}
    {{- return(kinds[kind]) -}}
{% endmacro %}


{#
    An engine's name of a column type (a Column's dtype) in one vocabulary, DuckDB's, lower case:
    the source QA reports type drift with it ("campaign_id is varchar (elsewhere bigint)"), so
    the finding reads the same on every engine.
#}
{% macro wecheer_type_name(dtype) %}
    {{ return(adapter.dispatch('wecheer_type_name', 'wecheer')(dtype)) }}
{% endmacro %}

{% macro default__wecheer_type_name(dtype) %}
    {{ return(dtype | lower) }}
{% endmacro %}

{% macro postgres__wecheer_type_name(dtype) %}
    {%- set name = dtype | lower -%}
    {%- set names = {
        'text': 'varchar',
        'character varying': 'varchar',
        'timestamp without time zone': 'timestamp',
        'double precision': 'double',
        'real': 'float',
    } -%}
    {%- if name.startswith('character varying') -%}
        {{ return('varchar') }}
    {%- elif name.startswith('numeric') -%}
        {{ return(name | replace('numeric', 'decimal')) }}
    {%- endif -%}
    {{ return(names.get(name, name)) }}
{% endmacro %}

{% macro spark__wecheer_type_name(dtype) %}
    {%- set name = dtype | lower -%}
    {%- set names = {
        'string': 'varchar',
        'int': 'integer',
        'long': 'bigint',
        'short': 'smallint',
        'byte': 'tinyint',
        'timestamp_ntz': 'timestamp',
        'timestamp': 'timestamp with time zone',
    } -%}
    {{ return(names.get(name, name)) }}
{% endmacro %}


{#
    listagg ordered by one expression: dbt.listagg elsewhere; on Spark, where dbt's listagg drops
    the order, the values sorted by (order expression, value) and joined.
#}
{% macro wecheer_listagg(measure, delimiter, order_expression) %}
    {{ return(adapter.dispatch('wecheer_listagg', 'wecheer')(measure, delimiter, order_expression)) }}
{% endmacro %}

{% macro default__wecheer_listagg(measure, delimiter, order_expression) %}
    {{- dbt.listagg(measure, delimiter, 'order by ' ~ order_expression) -}}
{% endmacro %}

{% macro spark__wecheer_listagg(measure, delimiter, order_expression) %}
    array_join(
        transform(
            array_sort(collect_list(named_struct('k', {{ order_expression }}, 'v', {{ measure }}))),
            x -> x.v
        ),
        {{ delimiter }}
    )
{% endmacro %}


{#
    Whole minutes or hours between two timestamps, counted as boundaries crossed (DuckDB's
    date_diff, and dbt's datediff on PostgreSQL): dbt.datediff elsewhere. dbt-spark's datediff
    takes the ceiling of the elapsed time instead (12:00:50 to 12:01:10 is 1 minute on both, but
    12:00:10 to 12:01:50 is 2 on Spark), so Spark counts boundaries of epoch minutes or hours.
#}
{% macro wecheer_datediff(first_date, second_date, datepart) %}
    {{ return(adapter.dispatch('wecheer_datediff', 'wecheer')(first_date, second_date, datepart)) }}
{% endmacro %}

{% macro default__wecheer_datediff(first_date, second_date, datepart) %}
    {{- dbt.datediff(first_date, second_date, datepart) -}}
{% endmacro %}

{% macro spark__wecheer_datediff(first_date, second_date, datepart) %}
    {%- set seconds = {'hour': 3600, 'minute': 60}.get(datepart) -%}
    {%- if seconds is none -%}
        {{- dbt.datediff(first_date, second_date, datepart) -}}
    {%- else -%}
        (floor(unix_seconds({{ second_date }}) / {{ seconds }})
        - floor(unix_seconds({{ first_date }}) / {{ seconds }}))
    {%- endif -%}
{% endmacro %}
