-- The team's funnel, declared under var wecheer_funnels in this project's dbt_project.yml.
{{ wecheer.wecheer_funnel('scan_to_reward') }}
