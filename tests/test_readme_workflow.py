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
def workspace(tmp_path_factory, request) -> Path:
    """The bundled ledger and README's example page in a fresh folder, made current."""
    folder = tmp_path_factory.mktemp("workflow")
    for name in ("claims.csv", "sources", "expectations", "docs/example"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name)
        else:
            shutil.copy2(source, folder / name)
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
