{{ config(**wecheer_incremental_config(unique_key='loaded_on')) }}
{#
    Ids the reference data does not know (when reference data exists), and campaigns seen under
    an advertiser other than the one most of their rows carry. A row counts once. Judged per
    campaign and advertiser pair from the pairs' row counts (int_wecheer__qa_id_pairs); every
    row of a flagged pair is a finding.

    Incremental by whole load days: a build replaces the days in its load window and every day
    holding a pair whose finding changed since the last build (reference data edited, a
    campaign's main advertiser moved), found by comparing the pairs' findings with those stored
    here. Each replaced day has one row without a finding (null finding, 0 failing rows)
    holding its last load time, so a day whose findings all went away is replaced too;
    wecheer__qa_findings leaves those rows out.
#}
-- depends_on: {{ ref('stg_wecheer__reference_campaigns') }}
-- depends_on: {{ ref('stg_wecheer__reference_advertisers') }}
{% set reference_campaigns = wecheer_source_table('wecheer_reference', 'campaigns') %}
{% set reference_advertisers = wecheer_source_table('wecheer_reference', 'advertisers') %}
{% set start = wecheer_incremental_start(this) if is_incremental() else none %}

with

classified_rows as (

    select * from {{ ref('int_wecheer__event_rows_classified') }}

),

id_pairs as (

    select * from {{ ref('int_wecheer__qa_id_pairs') }}

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

pairs as (

    select
        campaign_id,
        advertiser_id,
        sum(row_count) as row_count
    from id_pairs
    group by 1, 2

),

campaign_advertisers as (

    select
        campaign_id,
        advertiser_id,
        row_number() over (
            partition by campaign_id
            order by row_count desc, advertiser_id asc
        ) as advertiser_rank
    from pairs
    where campaign_id is not null and advertiser_id is not null

),

flagged as (

    select
        pairs.campaign_id,
        pairs.advertiser_id,
        {% if reference_campaigns is none %}
        false
        {% else %}
            pairs.campaign_id is not null and known_campaigns.campaign_id is null
        {% endif %} as is_unknown_campaign,
        {% if reference_advertisers is none %}
        false
        {% else %}
            pairs.advertiser_id is not null and known_advertisers.advertiser_id is null
        {% endif %} as is_unknown_advertiser,
        main_advertiser.advertiser_id as main_advertiser_id
    from pairs
    {% if reference_campaigns is not none %}
        left join known_campaigns
            on pairs.campaign_id = known_campaigns.campaign_id
    {% endif %}
    {% if reference_advertisers is not none %}
        left join known_advertisers
            on pairs.advertiser_id = known_advertisers.advertiser_id
    {% endif %}
    left join campaign_advertisers as main_advertiser
        on
            pairs.campaign_id = main_advertiser.campaign_id
            and main_advertiser.advertiser_rank = 1

),

pair_findings as (

    select
        campaign_id,
        advertiser_id,
        case
            when is_unknown_campaign then 'campaign ' || campaign_id || ' is not in the reference data'
            when is_unknown_advertiser
                then 'advertiser ' || advertiser_id || ' is not in the reference data'
            else
                'campaign ' || campaign_id || ' under advertiser ' || advertiser_id
                || ', elsewhere under ' || main_advertiser_id
        end as finding
    from flagged
    where
        is_unknown_campaign
        or is_unknown_advertiser
        or (
            advertiser_id is not null
            and main_advertiser_id is not null
            and advertiser_id <> main_advertiser_id
        )

),

{% if is_incremental() %}
    stored_findings as (

        select distinct
            campaign_id,
            advertiser_id,
            finding
        from {{ this }}
        where finding is not null

    ),

    -- pairs whose finding appeared, changed or went away (set operations: null ids compare
    -- equal)
    changed_pairs as (

        select
            campaign_id,
            advertiser_id
        from (
            select * from pair_findings
            except
            select * from stored_findings
        ) as appeared
        union
        select
            campaign_id,
            advertiser_id
        from (
            select * from stored_findings
            except
            select * from pair_findings
        ) as went_away

    ),

    -- the load days outside the load window that hold a changed pair's rows
    changed_days as (

        select distinct id_pairs.loaded_on
        from id_pairs
        inner join changed_pairs
            on
                id_pairs.campaign_id is not distinct from changed_pairs.campaign_id
                and id_pairs.advertiser_id is not distinct from changed_pairs.advertiser_id
        where not {{ wecheer_is_in_load_window('id_pairs.loaded_at', start) }}

    ),
{% endif %}

{#- The rows of the replaced days: every day in a full build; the load window (a literal
    start, so engines skip older data by their statistics) and the changed days in an
    incremental one. -#}
replaced_rows as (

    select * from classified_rows
    where
        row_status <> 'duplicate'
    {{ wecheer_and_in_load_window('loaded_at', start) }}
    {% if is_incremental() %}

        union all

        -- the relation, not the CTE: a second reference to that CTE would make engines
        -- materialize every row of it
        select classified_rows.* from {{ ref('int_wecheer__event_rows_classified') }} as classified_rows
        inner join changed_days on classified_rows.loaded_on = changed_days.loaded_on
        where classified_rows.row_status <> 'duplicate'
    {% endif %}

),

replaced_days as (

    select
        loaded_on,
        max(loaded_at) as loaded_at
    from id_pairs
    {% if is_incremental() %}
        where
            {{ wecheer_is_in_load_window('loaded_at', start) }}
            or loaded_on in (select changed_days.loaded_on from changed_days)
    {% endif %}
    group by 1

),

findings as (

    select
        'orphan_ids' as check_name,
        {{ wecheer_qa_row_columns('replaced_rows.') }},
        pair_findings.finding,
        replaced_rows.loaded_at,
        replaced_rows.loaded_on
    from replaced_rows
    inner join pair_findings
        on
            replaced_rows.campaign_id is not distinct from pair_findings.campaign_id
            and replaced_rows.advertiser_id is not distinct from pair_findings.advertiser_id

),

days as (

    -- one row per replaced day, without a finding: the day's last load time (the watermark)
    select
        'orphan_ids' as check_name,
        {{ wecheer_qa_null_columns(['source_table', 'event_name', 'message_id', 'user_id',
            'advertiser_id', 'campaign_id', 'event_at', 'received_at']) }},
        cast(0 as {{ dbt.type_bigint() }}) as failing_rows,
        cast(null as {{ dbt.type_string() }}) as finding,
        loaded_at,
        loaded_on
    from replaced_days

),

final as (

    select * from findings
    union all
    select * from days

)

select * from final
