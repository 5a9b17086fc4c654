{#- One row per day: the time spine dbt's semantic layer (MetricFlow) joins metrics to. MetricFlow
    takes one time spine per project: a project that installs wecheer as a package and has its
    own sets var wecheer_time_spine to false, and the package's semantic models use the project's. -#}
{{ config(enabled=var('wecheer_time_spine', true)) }}

with

days as (

    {{ dbt.date_spine(
        'day',
        "cast('2020-01-01' as date)",
        "cast('2036-01-01' as date)",
    ) }}

),

final as (

    select cast(date_day as date) as date_day
    from days

)

select * from final
