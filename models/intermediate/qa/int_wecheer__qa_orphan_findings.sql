{{ config(materialized='table') }}
{#
    Ids the reference data does not know (when reference data exists), and campaigns seen under
    an advertiser other than the one most of their rows carry. A row counts once.
#}
-- depends_on: {{ ref('stg_wecheer__reference_campaigns') }}
-- depends_on: {{ ref('stg_wecheer__reference_advertisers') }}
{% set reference_campaigns = wecheer_source_table('wecheer_reference', 'campaigns') %}
{% set reference_advertisers = wecheer_source_table('wecheer_reference', 'advertisers') %}

with

classified_rows as (

    select * from {{ ref('int_wecheer__event_rows_classified') }}

),

single_rows as (

    select * from classified_rows
    where row_status <> 'duplicate'

),

{% if reference_campaigns is not none %}
known_campaigns as (

    select distinct campaign_id
    from {{ ref('stg_wecheer__reference_campaigns') }}

),
{% endif %}

{% if reference_advertisers is not none %}
known_advertisers as (

    select distinct advertiser_id
    from {{ ref('stg_wecheer__reference_advertisers') }}

),
{% endif %}

campaign_advertisers as (

    select
        campaign_id,
        advertiser_id,
        row_number() over (
            partition by campaign_id
            order by count(*) desc, advertiser_id asc
        ) as advertiser_rank
    from single_rows
    where campaign_id is not null and advertiser_id is not null
    group by 1, 2

),

flagged as (

    select
        single_rows.*,
        {% if reference_campaigns is none %}
        false
        {% else %}
            single_rows.campaign_id is not null and known_campaigns.campaign_id is null
        {% endif %} as is_unknown_campaign,
        {% if reference_advertisers is none %}
        false
        {% else %}
            single_rows.advertiser_id is not null and known_advertisers.advertiser_id is null
        {% endif %} as is_unknown_advertiser,
        main_advertiser.advertiser_id as main_advertiser_id
    from single_rows
    {% if reference_campaigns is not none %}
        left join known_campaigns
            on single_rows.campaign_id = known_campaigns.campaign_id
    {% endif %}
    {% if reference_advertisers is not none %}
        left join known_advertisers
            on single_rows.advertiser_id = known_advertisers.advertiser_id
    {% endif %}
    left join campaign_advertisers as main_advertiser
        on
            single_rows.campaign_id = main_advertiser.campaign_id
            and main_advertiser.advertiser_rank = 1

),

final as (

    select
        'orphan_ids' as check_name,
        {{ wecheer_qa_row_columns() }},
        case
            when is_unknown_campaign then 'campaign ' || campaign_id || ' is not in the reference data'
            when is_unknown_advertiser
                then 'advertiser ' || advertiser_id || ' is not in the reference data'
            else
                'campaign ' || campaign_id || ' under advertiser ' || advertiser_id
                || ', elsewhere under ' || main_advertiser_id
        end as finding,
        loaded_at,
        loaded_on
    from flagged
    where
        is_unknown_campaign
        or is_unknown_advertiser
        or (
            advertiser_id is not null
            and main_advertiser_id is not null
            and advertiser_id <> main_advertiser_id
        )

)

select * from final
