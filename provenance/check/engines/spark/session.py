"""The Spark session a check runs on: local, a cluster master, or Spark Connect.

Spark binds to loopback only (``SPARK_LOCAL_IP=127.0.0.1`` is always set before the JVM
starts, and the driver's bind address and host are loopback for a local master); the
web UI and the console progress bar are off. An existing session is reused.
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


def spark_session(master: str | None = None, config: dict[str, str] | None = None) -> Any:
    """A SparkSession for ``master`` (default ``local[*]``), or for Spark Connect when
    ``SPARK_REMOTE`` is set (``sc://host:port``); ``config`` adds Spark settings."""
    os.environ["SPARK_LOCAL_IP"] = LOOPBACK
    from pyspark.sql import SparkSession

    remote = os.environ.get("SPARK_REMOTE")
    builder = SparkSession.builder
    if remote:
        builder = builder.remote(remote)
    else:
        builder = builder.master(master or DEFAULT_MASTER)
        settings = {"spark.driver.bindAddress": LOOPBACK, "spark.driver.host": LOOPBACK}
        for key, value in {**settings, **QUIET}.items():
            builder = builder.config(key, value)
    for key, value in (config or {}).items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    if not remote:
        session.sparkContext.setLogLevel("ERROR")
    return session
