{#- Whether an example funnel model of the package builds: only in the package's own project (when
    wecheer is the root project, as in its demo) and only while its funnel is declared under var
    wecheer_funnels. A team's project declares its own funnels and builds them with its own
    one-line models; the examples never enter its DAG. -#}
{% macro wecheer_example_funnel_enabled(funnel_name) -%}
    {{ return(project_name == 'wecheer' and funnel_name in (var('wecheer_funnels', {}) or {})) }}
{%- endmacro %}
