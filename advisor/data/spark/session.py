"""Start (or join) the Spark session the scan runs in, and say clearly what is missing when it cannot start."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.data.engine import EngineChoice, spark_remote
from advisor.errors import UsageError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

EXTRA = "pip install 'ml-design-advisor[spark]'"
JAVA = "Spark 4 needs Java 17 or 21 (set JAVA_HOME or put `java` on PATH)"
LOG_CONFIG = Path(__file__).with_name("log4j2.properties")
# Settings that suit one machine and small samples; a cluster's own defaults or --conf override them.
LOCAL_DEFAULTS = {
    "spark.ui.enabled": "false",
    "spark.sql.shuffle.partitions": "8",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile=file:{LOG_CONFIG}",
}


def spark_session(choice: EngineChoice) -> SparkSession:
    """The session for `choice`: Spark Connect when `SPARK_REMOTE` is set, else a driver here on `--spark-master`.

    An already running session (a notebook's, a test's, spark-submit's) is reused: `getOrCreate` joins it, and only
    runtime settings from `--conf` take effect then.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise UsageError(
            "the Spark engine needs pyspark, which is not installed", place="--engine", hint=f"{EXTRA}; {JAVA}"
        ) from None
    remote = spark_remote()
    builder = SparkSession.builder.appName("advisor")
    if remote is not None:
        builder = builder.remote(remote)
    else:
        if SparkSession.getActiveSession() is None and not _java_found():
            raise UsageError("the Spark engine cannot start: no Java found", place="--engine", hint=JAVA)
        builder = builder.master(choice.spark_master)
        for key, value in LOCAL_DEFAULTS.items():
            builder = builder.config(key, value)
    for key, value in choice.conf:
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as error:  # py4j and pyspark raise several types when the JVM or the endpoint is not there
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        where = f"Spark Connect at {remote}" if remote else f"a Spark driver on {choice.spark_master}"
        raise UsageError(f"cannot start {where} ({first})", place="--engine", hint=JAVA) from None
    return session


def _java_found() -> bool:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return True
    return shutil.which("java") is not None
