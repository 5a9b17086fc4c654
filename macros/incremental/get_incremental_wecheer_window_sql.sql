{#
    The incremental strategy `wecheer_window`: replaces the rows of a window instead of the rows
    of a key. It deletes every row of the target that satisfies the model's
    incremental_predicates (the window: rows loaded since the build's start), then inserts the
    new rows, which are exactly the rows of that window. Cheaper than delete+insert on a key,
    which reads the key of every row of the target to find the few to replace; and a row that
    left the source inside the window leaves the target too, as in a full refresh. A model
    without incremental_predicates is refused: it would delete everything.
#}
{% macro get_incremental_wecheer_window_sql(arg_dict) %}
    {%- set predicates = arg_dict['incremental_predicates'] or [] -%}
    {%- if predicates | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "wecheer: the incremental strategy wecheer_window needs incremental_predicates (the window to replace)") }}
    {%- endif -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    delete from {{ arg_dict['target_relation'] }}
    where
        {% for predicate in predicates -%}
        ({{ predicate }}){{ ' and' if not loop.last }}
        {% endfor -%};

    insert into {{ arg_dict['target_relation'] }} ({{ columns }})
    select {{ columns }} from {{ arg_dict['temp_relation'] }}
{% endmacro %}
