-- An analyst funnel declared in dbt_project.yml (var wecheer_funnels); see docs/funnels.md.
{{ wecheer_funnel('scan_to_points') }}
