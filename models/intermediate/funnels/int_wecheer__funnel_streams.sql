{{ config(**wecheer_incremental_config(
    unique_key=['funnel_name', 'user_id', 'campaign_id'],
    pre_hook="{{ wecheer.wecheer_funnel_streams_cleanup(this) }}",
)) }}
{#
    The state of every analyst funnel a model builds (macro wecheer_funnel): per funnel, stream
    (user and campaign, or user) and step, the funnel's starts that reached the step. Each
    funnel's result is a sum over these rows, so a daily build recounts only the streams with a
    step event loaded since the window start (each from its whole history; delete+insert on the
    stream), not a campaign's whole history. A funnel that is new, or whose declaration changed,
    is computed whole; the rows of one no longer built are deleted (pre-hook).
#}
-- depends_on: {{ ref('wecheer__events') }}
{%- set funnels = wecheer_built_funnels() %}
{%- set start = wecheer_incremental_start(this, 'last_loaded_at') if is_incremental() else none %}
{%- set known = wecheer_funnel_known_versions(this) if is_incremental() else [] %}

with

final as (

    {% if funnels | length == 0 %}
        -- no analyst funnel is built: the columns, no rows
        select
            cast(null as {{ dbt.type_string() }}) as funnel_name,
            cast(null as {{ dbt.type_string() }}) as funnel_version,
            cast(null as {{ dbt.type_string() }}) as user_id,
            cast(null as {{ dbt.type_string() }}) as campaign_id,
            cast(null as {{ dbt.type_int() }}) as step_number,
            cast(null as {{ dbt.type_bigint() }}) as instances,
            cast(null as {{ dbt.type_timestamp() }}) as last_loaded_at
        where 1 = 0
    {% else %}
    {% for funnel in funnels %}
    {%- set version = funnel ~ '|' ~ wecheer_funnel_version(funnel) %}
    {{ wecheer_funnel_stream_rows(funnel, start if version in known else none) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
    {% endif %}

)

select * from final
