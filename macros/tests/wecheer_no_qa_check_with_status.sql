{#
    The source-QA checks of `model` (wecheer__source_qa) whose status is `status`, one failing row
    each: applied with severity error for `fail` and warn for `warn`, so `dbt build` and `dbt test`
    report source faults in run_results.json. wecheer__source_qa feeds no model, so a failing
    check never skips one.
#}
{% test wecheer_no_qa_check_with_status(model, status) %}
    select
        check_order,
        check_name,
        status,
        failing_rows,
        total_rows,
        detail
    from {{ model }}
    where status = '{{ status | replace("'", "''") }}'
{% endtest %}
