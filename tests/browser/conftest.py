"""Servers and a browser for the real-browser tests.

JupyterLab and Voilà run on 127.0.0.1 with a random token on free ports, in a
temporary workspace holding copies of the notebooks, against a temporary copy of
the bundled ledger (``PROVENANCE_LEDGER``). Chromium is Debian's package, installed
with apt-get when missing; no browser build is ever downloaded.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from browser_pages import EMOJI_TEXT

from provenance import demo
from provenance.dashboard import copy_ledger
from provenance.ledger import load_ledger

REPO = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True)
class Server:
    """A running notebook server: its base URL and token."""

    url: str
    token: str

    def page(self, path: str) -> str:
        """URL of ``path`` on this server, with the token."""
        sep = "&" if "?" in path else "?"
        return f"{self.url}{path}{sep}token={self.token}"


def chromium_executable() -> str:
    """Debian's chromium, installed with apt-get when it is not on PATH."""
    found = shutil.which("chromium")
    if found is None:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-q", "chromium"], check=True, env=env)
        found = shutil.which("chromium")
    if found is None:
        pytest.fail("apt-get install -y chromium did not provide a chromium executable")
    return found


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    """Poll ``url`` until it answers 200 or the server dies."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}; see its log")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def demo_ledger(dest: Path) -> Path:
    """The bundled ledger copied to ``dest``, plus the fictional third outlet's claims."""
    copy_ledger(REPO, dest)
    demo.register_fictional_outlet(dest)
    ledger = load_ledger(dest)
    demo.confirm_fictional_claims(ledger)
    ledger.save()
    return dest


def emoji_notebook() -> nbformat.NotebookNode:
    """A one-cell notebook showing a SourceViewer over text with astral characters."""
    code = (
        "from provenance.widgets import SourceViewer\n"
        f"SourceViewer({EMOJI_TEXT!r}, title='<img src=x onerror=\"window.__pwned=3\">')"
    )
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])


def start(cmd: list[str], cwd: Path, env: dict[str, str], log: Path) -> subprocess.Popen:
    """Start a server process writing its log to ``log``."""
    with log.open("wb") as out:
        return subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: ``$PROVENANCE_ARTIFACTS`` or a pytest temporary folder."""
    given = os.environ.get("PROVENANCE_ARTIFACTS")
    folder = Path(given) if given else tmp_path_factory.mktemp("artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def ledger_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary copy of the bundled ledger (with a fictional third outlet) for the servers."""
    return demo_ledger(tmp_path_factory.mktemp("ledger") / "ledger")


@pytest.fixture(scope="session")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Copies of the notebooks plus the emoji viewer notebook."""
    folder = tmp_path_factory.mktemp("workspace")
    for name in ("dashboard.ipynb", "editor.ipynb"):
        shutil.copy2(REPO / "notebooks" / name, folder / name)
    nbformat.write(emoji_notebook(), folder / "emoji.ipynb")
    return folder


@pytest.fixture(scope="session")
def server_env(ledger_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment for the servers and their kernels."""
    env = dict(os.environ)
    env["PROVENANCE_LEDGER"] = str(ledger_dir)
    env["JUPYTER_RUNTIME_DIR"] = str(tmp_path_factory.mktemp("runtime"))
    settings = tmp_path_factory.mktemp("lab-settings")
    news = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    news.parent.mkdir(parents=True)
    news.write_text('{"fetchNews": "false"}', encoding="utf-8")
    env["JUPYTERLAB_SETTINGS_DIR"] = str(settings)
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(tmp_path_factory.mktemp("lab-workspaces"))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


@pytest.fixture(scope="session")
def voila(workspace: Path, server_env: dict[str, str]) -> Iterator[Server]:
    """Voilà serving the workspace."""
    port, token = free_port(), secrets.token_hex(16)
    cmd = [
        sys.executable, "-m", "voila", "--no-browser", f"--port={port}",
        "--Voila.ip=127.0.0.1", f"--token={token}", "--show_tracebacks=True", str(workspace),
    ]
    proc = start(cmd, workspace, server_env, workspace / "voila.log")
    server = Server(f"http://127.0.0.1:{port}", token)
    try:
        wait_for(server.page("/"), proc)
        yield server
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="session")
def lab(workspace: Path, server_env: dict[str, str]) -> Iterator[Server]:
    """JupyterLab serving the workspace, with the app exposed for driving commands."""
    port, token = free_port(), secrets.token_hex(16)
    cmd = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={workspace}", "--LabApp.expose_app_in_browser=True",
        "--ServerApp.port_retries=0", "--ServerApp.allow_root=True",
    ]
    proc = start(cmd, workspace, server_env, workspace / "lab.log")
    server = Server(f"http://127.0.0.1:{port}", token)
    try:
        wait_for(server.page("/api/status"), proc)
        yield server
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    executable = chromium_executable()
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh page with a desktop-sized viewport."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    yield tab
    context.close()
