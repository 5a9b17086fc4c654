{#- The team's own time spine (MetricFlow): the package's semantic models use it. -#}

with

days as (

    {{ dbt.date_spine('day', "cast('2024-01-01' as date)", "cast('2031-01-01' as date)") }}

),

final as (

    select cast(date_day as date) as date_day
    from days

)

select * from final
