{#
    Var `wecheer_qa_fail_share` checked before it reaches SQL: a map of QA check name (a name of
    seed wecheer_qa_checks) to a share between 0 and 1, or none for a check that should only warn.
    Returns the map; a wrong name or value stops the model with a one-line compile error.
#}
{% macro wecheer_qa_fail_share_overrides(qa_checks) %}
    {% set overrides = var('wecheer_qa_fail_share', {}) or {} %}
    {% if overrides is not mapping %}
        {{ exceptions.raise_compiler_error(
            "var wecheer_qa_fail_share must be a map of QA check name to share, e.g. {missing_ids: 0.02}"
        ) }}
    {% endif %}
    {% for name, share in overrides.items() %}
        {% if share is not none and (share is boolean or share is not number or share < 0 or share > 1) %}
            {{ exceptions.raise_compiler_error(
                "var wecheer_qa_fail_share: the share of " ~ name ~ " must be a number from 0 to 1 (or null: only warn), not " ~ share
            ) }}
        {% endif %}
    {% endfor %}
    {% if execute and overrides %}
        {% set known = run_query('select check_name from ' ~ qa_checks).columns[0].values() | list %}
        {% for name in overrides if name not in known %}
            {{ exceptions.raise_compiler_error(
                "var wecheer_qa_fail_share: no QA check named " ~ name ~ " (checks: " ~ known | join(', ') ~ ")"
            ) }}
        {% endfor %}
    {% endif %}
    {{ return(overrides) }}
{% endmacro %}
