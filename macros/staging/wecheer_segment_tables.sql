{# Segment's own tables in a source schema (lower case; tracks, identifies and users under the names their identifier vars give); every other table there is an event table. #}
{% macro wecheer_segment_tables() %}
    {{ return([
        var('wecheer_tracks_identifier', 'tracks') | lower,
        var('wecheer_identifies_identifier', 'identifies') | lower,
        var('wecheer_users_identifier', 'users') | lower,
        'tracks', 'identifies', 'users', 'pages', 'screens', 'groups', 'accounts', 'aliases',
    ]) }}
{% endmacro %}
