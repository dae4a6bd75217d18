"""README's daily workflow is true: every ``console`` block is run, in order, in a
temporary copy of the bundled ledger, and must print exactly what README shows."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from provenance.cli import main
from tests.conftest import ROOT

CONSOLE_BLOCK = re.compile(r"^```console\n(.*?)^```", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Step:
    """One ``$ provenance …`` line of README and the output shown under it."""

    command: str
    shown: str


def readme_steps(readme: str) -> list[Step]:
    """The commands of README's console blocks with the output shown for each."""
    steps: list[Step] = []
    for block in CONSOLE_BLOCK.findall(readme):
        command, lines = None, []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    steps.append(Step(command, "\n".join(lines)))
                command, lines = line[2:], []
            else:
                lines.append(line)
        if command is not None:
            steps.append(Step(command, "\n".join(lines)))
    return steps


def run(command: str) -> str:
    """Run one README command in-process; stdout and stderr as one text, in order."""
    argv = shlex.split(command)
    assert argv[0] == "provenance", f"README's workflow runs only provenance: {command}"
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        code = main(argv[1:])
    assert code in (0, 1), f"{command} exited {code}:\n{buffer.getvalue()}"
    return buffer.getvalue().rstrip("\n")


STEPS = readme_steps((ROOT / "README.md").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """README's starting point: a clone's example page and ``walkthrough/``, a copy of
    the bundled ledger, in a fresh folder made current."""
    folder = tmp_path_factory.mktemp("clone")
    shutil.copytree(ROOT / "docs" / "example", folder / "docs" / "example")
    for name in ("sources", "expectations"):
        shutil.copytree(ROOT / name, folder / "walkthrough" / name)
    shutil.copy2(ROOT / "claims.csv", folder / "walkthrough" / "claims.csv")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        yield folder


def test_readme_shows_a_workflow():
    commands = [shlex.split(step.command)[1] for step in STEPS]
    for command in ("add-source", "extract", "suggest-keys", "accept", "check"):
        assert command in commands


@pytest.mark.parametrize("step", STEPS, ids=[s.command for s in STEPS])
def test_readme_command_prints_what_readme_shows(workspace, step):
    assert run(step.command) == step.shown


def test_the_dashboard_shows_the_walkthrough_s_conflicts(workspace):
    from provenance.check import run_check
    from provenance.ledger import load_ledger
    from provenance.widgets import Dashboard

    ledger = load_ledger(workspace / "walkthrough")
    dashboard = Dashboard(ledger, run_check(ledger))
    assert "The Daily Fictional (FICTIONAL)" in " ".join(shown_text(dashboard.conflict_box))


def shown_text(widget) -> list[str]:
    """Every text a widget and its children show."""
    value = getattr(widget, "value", "")
    own = [value] if isinstance(value, str) else []
    return own + [t for child in getattr(widget, "children", ()) for t in shown_text(child)]
