-- Every known spelling of a catalogue event (both names, both table names), one row per lower-cased alias.
with

event_catalog as (

    select * from {{ ref('stg_wecheer__event_catalog') }}

),

{% set spellings = ['event_name', 'wire_name', 'table_from_event_name', 'table_from_wire_name'] %}
unpivoted as (

    {% for spelling in spellings %}
    select
        lower(event_catalog.{{ spelling }}) as alias_key,
        event_catalog.event_name,
        event_catalog.category
    from event_catalog
    {% if not loop.last %}
    union all
    {% endif %}
    {% endfor %}

),

final as (

    select distinct
        alias_key,
        event_name,
        category
    from unpivoted

)

select * from final
