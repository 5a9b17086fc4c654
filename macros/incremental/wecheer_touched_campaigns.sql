{#- The campaigns an incremental build of a per-campaign mart recomputes: those with a row in one
    of `relations` (marts with a last_loaded_at column) loaded since `start`. A per-campaign
    count depends only on the campaign's rows, so recomputing these equals a full refresh. -#}
{% macro wecheer_touched_campaigns(relations, start) %}
    {%- for relation in relations %}
    select campaign_id from {{ relation }}
    where campaign_id is not null and {{ wecheer.wecheer_is_in_load_window('last_loaded_at', start) }}
    {%- if not loop.last %}
    union
    {%- endif %}
    {%- endfor %}
{% endmacro %}


{#- A where clause for a per-campaign mart's import of `relation` (a mart with a last_loaded_at
    column): when `start` is set (an incremental build), only the campaigns with a row of it
    loaded since then (wecheer_touched_campaigns), each recounted whole; nothing otherwise. -#}
{% macro wecheer_where_touched_campaign(relation, start) %}
    {%- if start is not none -%}
        where campaign_id in (
            {{ wecheer.wecheer_touched_campaigns([relation], start) }}
        )
    {%- endif -%}
{% endmacro %}
