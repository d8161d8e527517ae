"""Apache Spark as the engine for the scan-heavy steps: the full-data statistics and the sample, where the data lives.

pyspark is imported inside the functions of these modules only, so the package costs nothing until `--engine spark`
runs. The modules: `session` (start or join a Spark session, explain a missing pyspark or Java), `read` (a file,
folder, lake path or table as a Spark DataFrame), `aggregates` (every column statistic in one pass), `sample` (the
stratified or time-ordered sample, the only rows that come to this machine) and `load` (the `Table` they make).
"""
