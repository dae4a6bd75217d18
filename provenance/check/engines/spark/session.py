"""The Spark session a check runs on: local, a cluster master, or Spark Connect.

Spark binds to loopback only (``SPARK_LOCAL_IP=127.0.0.1`` is always set before the JVM
starts, and the driver's bind address and host are loopback for a local master, as is
the Spark Connect server pyspark starts for ``SPARK_REMOTE=local[N]``); the web UI and
the console progress bar are off. An existing session is reused.
"""

from __future__ import annotations

import os
from typing import Any

DEFAULT_MASTER = "local[*]"
LOOPBACK = "127.0.0.1"
QUIET = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.session.timeZone": "UTC",  # dates are days, whatever the machine's zone
}
SOURCE_TEXTS = {  # reading one small file per source (binaryFile over 10k-100k paths)
    # list the paths on the driver: above this many, Spark lists them in a job of one
    # task per path (at 10k sources that job took 146 s of a 1M-claim check)
    "spark.sql.sources.parallelPartitionDiscovery.threshold": "1000000",
    # a file costs its bytes plus this in a read task's share; at Spark's 4 MB, 32 texts
    # of a few kB filled a task (313 tasks for 10k sources)
    "spark.sql.files.openCostInBytes": "65536",
}


def spark_session(master: str | None = None, config: dict[str, str] | None = None) -> Any:
    """A SparkSession for ``master`` (default ``local[*]``), or for Spark Connect when
    ``SPARK_REMOTE`` is set (``sc://host:port``), with :data:`SOURCE_TEXTS`; ``config``
    adds Spark settings."""
    os.environ["SPARK_LOCAL_IP"] = LOOPBACK
    from pyspark.sql import SparkSession

    remote = os.environ.get("SPARK_REMOTE")
    builder = SparkSession.builder
    settings = {"spark.driver.bindAddress": LOOPBACK, "spark.driver.host": LOOPBACK, **QUIET}
    if remote:
        builder = builder.remote(remote)
        if not remote.startswith("local"):  # a server of its own, not started here
            settings = {}
        else:  # pyspark starts a Connect server in this process: on loopback too
            settings["spark.connect.grpc.binding.address"] = LOOPBACK
    else:
        builder = builder.master(master or DEFAULT_MASTER)
    for key, value in {**settings, **SOURCE_TEXTS, **(config or {})}.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    if not remote:
        session.sparkContext.setLogLevel("ERROR")
    return session
