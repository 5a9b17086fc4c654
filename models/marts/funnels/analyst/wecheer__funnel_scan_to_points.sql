-- An analyst funnel declared in dbt_project.yml (var wecheer_funnels); see docs/funnels.md.
-- An example of the package's own demo: not built in a project that installs wecheer as a
-- package (macro wecheer_example_funnel_enabled), nor rendered there.
{%- set enabled = wecheer_example_funnel_enabled('scan_to_points') %}
{{ config(enabled=enabled) }}
{% if enabled %}{{ wecheer_funnel('scan_to_points') }}{% endif %}
