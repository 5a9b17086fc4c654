{#
    `wecheer load-spark` (src/wecheer/engines/spark.py): external Parquet tables over folders,
    run through dbt so that the Spark session is the `spark` target's (one JVM, one Derby
    metastore). schemas: {schema: {'tables': {name: folder}, 'partitioned': bool}}; each schema is
    dropped and recreated. Partitioned folders hold hive-style partitions (day=/hr= of the data
    lake); they are registered with `msck repair table` when the session keeps partitions in its
    metastore (spark.sql.hive.manageFilesourcePartitions, Spark's default; the `spark` target of
    profiles.yml turns it off and Spark lists the folders instead).
#}
{% macro wecheer_spark_load_tables(schemas) %}
    {% if target.type != 'spark' %}
        {{ exceptions.raise_compiler_error("wecheer_spark_load_tables runs on a spark target, not " ~ target.type) }}
    {% endif %}
    {% set setting = run_query('set spark.sql.hive.manageFilesourcePartitions') %}
    {% set managed = setting.columns[1].values()[0] | lower == 'true' %}
    {% for schema, spec in schemas.items() %}
        {% do run_query('drop schema if exists ' ~ adapter.quote(schema) ~ ' cascade') %}
        {% do run_query('create schema ' ~ adapter.quote(schema)) %}
        {% for name, location in spec['tables'].items() %}
            {% set relation = adapter.quote(schema) ~ '.' ~ adapter.quote(name) %}
            {% do run_query('create table ' ~ relation ~ " using parquet location '" ~ location | replace("\\", "\\\\") | replace("'", "\\'") ~ "'") %}
            {% if spec['partitioned'] and managed %}
                {% do run_query('msck repair table ' ~ relation) %}
            {% endif %}
        {% endfor %}
    {% endfor %}
{% endmacro %}
