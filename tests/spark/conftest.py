"""One local Spark for every Spark test: ``local[2]``, UI off, 2 shuffle partitions,
bound to loopback. Java (Debian's ``openjdk-17-jre-headless``) is installed with
apt-get when ``java`` is missing, as the browser tests install Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

pytest.importorskip("pyspark", reason="the [spark] extra (pyspark) is not installed; "
                    "README's test command installs it")


def java_executable() -> str:
    """``java``, installed with apt-get when it is not on PATH."""
    found = shutil.which("java")
    if found is None:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-q", "openjdk-17-jre-headless"],
                       check=True, env=env)
        found = shutil.which("java")
    if found is None:
        pytest.fail("apt-get install -y openjdk-17-jre-headless did not provide java")
    return found


@pytest.fixture(scope="session")
def spark():
    """The session every Spark test shares (the engine reuses it)."""
    java_executable()
    from provenance.check.engines.spark.session import spark_session

    session = spark_session("local[2]", {"spark.sql.shuffle.partitions": "2"})
    yield session
    session.stop()
