{#- Stops the build when a step names an event that is not a canonical name of the event catalogue
    (seed wecheer_event_catalog): a misspelt step would otherwise silently count zeros. A step
    written in another spelling the catalogue knows (the wire name, a table name, other case or
    spacing) gets "did you mean" its canonical name. A step meant for an event outside the
    catalogue (sent by the brand, is_planned = false in wecheer__events) says `unplanned: true`.
    Checked when the model runs (the catalogue is a table then; it is upstream of
    wecheer__events); skipped while the seed has not been loaded (e.g. `dbt compile` on an empty
    warehouse) and in unit tests (they have no graph: the seed is found through it, not ref(),
    so they need no fixture). -#}
{% macro wecheer_funnel_check_event_names(funnel_name, steps) %}
    {%- if not execute -%}{{ return(none) }}{%- endif -%}
    {%- set seed = (graph.get('nodes') or {}).get('seed.wecheer.wecheer_event_catalog') -%}
    {%- if seed is none -%}{{ return(none) }}{%- endif -%}
    {%- set catalog = adapter.get_relation(
        database=seed.database, schema=seed.schema, identifier=seed.alias) -%}
    {%- if catalog is none -%}{{ return(none) }}{%- endif -%}
    {%- set rows = run_query(
        "select event_name, wire_name, table_from_event_name, table_from_wire_name from "
        ~ catalog).rows -%}
    {%- set canonical = [] -%}
    {%- set by_spelling = {} -%}
    {%- for row in rows -%}
        {%- do canonical.append(row[0]) -%}
        {%- for spelling in row -%}
            {%- do by_spelling.update({(spelling | lower | replace('_', '') | replace(' ', '')): row[0]}) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for step in steps -%}
        {%- if step.event not in canonical and not step.get('unplanned', false) -%}
            {%- set guess = by_spelling.get(step.event | lower | replace('_', '') | replace(' ', '')) -%}
            {{ exceptions.raise_compiler_error(
                "wecheer_funnel '" ~ funnel_name ~ "': step " ~ loop.index ~ " event '" ~ step.event
                ~ "' is not in the event catalogue"
                ~ ("; did you mean '" ~ guess ~ "'?" if guess else
                   " (canonical Title Case names, seeds/wecheer_event_catalog.csv; for an event"
                   ~ " outside the catalogue add unplanned: true to the step)")) }}
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}
