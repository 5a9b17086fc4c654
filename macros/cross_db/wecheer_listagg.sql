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
