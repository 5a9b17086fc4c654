{{ config(materialized='view') }}
-- Every finding of every source check, for drill-down: one row per offending raw row, table,
-- variant or event-day. A view: the findings are kept (incrementally, most of them) by the
-- check models it unions, so building it costs nothing whatever the history.
{% set finding_models = [
    'int_wecheer__qa_duplicate_findings',
    'int_wecheer__qa_row_findings',
    'int_wecheer__qa_alias_findings',
    'int_wecheer__qa_tracks_parity_findings',
    'int_wecheer__qa_type_drift_findings',
    'int_wecheer__qa_orphan_findings',
    'int_wecheer__qa_sequence_findings',
    'int_wecheer__qa_volume_findings',
] %}

with

{% for model in finding_models %}
{{ model | replace('int_wecheer__qa_', '') }} as (

    select
        {{ wecheer_qa_finding_columns() | join(',\n        ') }}
    from {{ ref(model) }}
    where finding is not null

),

{% endfor %}

unioned as (

    {% for model in finding_models %}
    select * from {{ model | replace('int_wecheer__qa_', '') }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select * from unioned

)

select * from final
