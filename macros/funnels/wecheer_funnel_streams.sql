{#- The analyst funnels int_wecheer__funnel_streams keeps the state of: those declared under var
    wecheer_funnels that a model builds with wecheer_funnel (its config meta `wecheer_funnel`
    names them), in name order; every declared funnel where there is no graph (unit tests). A
    declared funnel no model builds costs nothing. -#}
{% macro wecheer_built_funnels() %}
    {%- set declared = var('wecheer_funnels', {}) or {} -%}
    {%- set nodes = (graph.get('nodes') or {}).values() | list if execute else [] -%}
    {%- if nodes | length == 0 -%}
        {{ return(declared.keys() | sort) }}
    {%- endif -%}
    {%- set built = [] -%}
    {%- for node in nodes if node.resource_type == 'model' -%}
        {%- set name = ((node.config or {}).get('meta') or {}).get('wecheer_funnel') -%}
        {%- if name is not none and name in declared and name not in built -%}
            {%- do built.append(name) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(built | sort) }}
{% endmacro %}


{#- A fingerprint of a funnel's declaration (steps, windows, count, by campaign): its stream
    state is recomputed whole when the declaration changes. -#}
{% macro wecheer_funnel_version(funnel_name) %}
    {{ return(local_md5(tojson((var('wecheer_funnels', {}) or {}).get(funnel_name)))) }}
{% endmacro %}


{#- Every built funnel with its current version, as 'name|version' strings (how
    wecheer_funnel_known_versions names the stored ones). -#}
{% macro wecheer_current_funnel_versions() %}
    {%- set current = [] -%}
    {%- for name in wecheer.wecheer_built_funnels() -%}
        {%- do current.append(name ~ '|' ~ wecheer.wecheer_funnel_version(name)) -%}
    {%- endfor -%}
    {{ return(current) }}
{% endmacro %}


{#- One analyst funnel's stream state as a subquery: one row per stream (a user and campaign,
    or a user when the funnel is not by campaign; campaign_id '' then) with any step event, and
    per step: instances (starts of the funnel that reached the step). Incremental (`start`
    set): only the streams with a step event loaded since then, each from its whole history.
    The steps follow wecheer_funnel_next_step (union and window pass, or ASOF join on DuckDB). -#}
{% macro wecheer_funnel_stream_rows(funnel_name, start=none) %}
    {%- set declaration = wecheer.wecheer_funnel_declaration(funnel_name) -%}
    {%- set steps = declaration.steps -%}
    {%- set entity = ['user_id', 'campaign_id'] if declaration.by_campaign else ['user_id'] -%}
    {%- set last = steps | length %}
    select * from (

        with

        funnel_events as (

            {{ wecheer.wecheer_funnel_events(ref('wecheer__events'), steps, entity, start) }}

        ),

        reached_1 as (

            select
                {{ entity | join(', ') }},
                event_at as step_1_at
            from funnel_events
            where event_name = {{ wecheer.wecheer_string_literal(steps[0].event) }}

        ),
        {%- for step in steps[1:] %}

        {{ wecheer.wecheer_funnel_next_step(loop.index + 1, step, steps[loop.index - 1], entity) }},
        {%- endfor %}

        instances as (

            select
                {{ entity | join(', ') }},
                {%- for step in steps %}
                count(step_{{ loop.index }}_at) as step_{{ loop.index }}_instances{{ ',' if not loop.last }}
                {%- endfor %}
            from reached_{{ last }}
            group by {{ entity | join(', ') }}

        ),

        streams as (

            select
                {{ entity | join(', ') }},
                max(loaded_at) as last_loaded_at
            from funnel_events
            group by {{ entity | join(', ') }}

        )

        {%- for step in steps %}
        select
            {{ wecheer.wecheer_string_literal(funnel_name) }} as funnel_name,
            '{{ wecheer.wecheer_funnel_version(funnel_name) }}' as funnel_version,
            streams.user_id,
            {{ 'streams.campaign_id' if declaration.by_campaign else "cast('' as " ~ dbt.type_string() ~ ')' }} as campaign_id,
            {{ loop.index }} as step_number,
            cast(coalesce(instances.step_{{ loop.index }}_instances, 0) as {{ dbt.type_bigint() }}) as instances,
            streams.last_loaded_at
        from streams
        left join instances
            on
                {%- for column in entity %}
                streams.{{ column }} = instances.{{ column }}{{ ' and' if not loop.last }}
                {%- endfor %}
        {%- if not loop.last %}
        union all
        {%- endif %}
        {%- endfor %}

    ) as {{ wecheer.wecheer_quote_identifier('funnel_' ~ funnel_name) }}
{% endmacro %}


{#- Pre-hook of int_wecheer__funnel_streams on an incremental build: deletes the state of funnels
    no longer built or whose declaration changed (their version is not the current one); those
    are then recomputed whole. Nothing on a full build, or on Spark (a table rebuilt each run). -#}
{% macro wecheer_funnel_streams_cleanup(relation) %}
    {%- if not is_incremental() -%}
        {{ return('') }}
    {%- endif -%}
    {%- set current = wecheer.wecheer_current_funnel_versions() -%}
    delete from {{ relation }}
    {%- if current %}
    where funnel_name || '|' || funnel_version not in {{ wecheer.wecheer_sql_list(current) }}
    {%- endif %}
{% endmacro %}


{#- The funnels whose state `relation` holds for their current declaration, as 'name|version'
    strings, when the model runs. A unit test's fixture stands for the current state of every
    funnel. -#}
{% macro wecheer_funnel_known_versions(relation) %}
    {%- if wecheer.wecheer_is_unit_test_input(relation) -%}
        {{ return(wecheer.wecheer_current_funnel_versions()) }}
    {%- endif -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set known = [] -%}
    {%- for row in run_query('select distinct funnel_name, funnel_version from ' ~ relation).rows -%}
        {%- do known.append(row[0] ~ '|' ~ row[1]) -%}
    {%- endfor -%}
    {{ return(known) }}
{% endmacro %}
