"""A fast start: each command imports only what it uses (issue 20, part 3).

Every case runs the command in a fresh interpreter through ``provenance.cli.main`` and
lists the modules it ended with. pandas 3 imports pyarrow itself, so the commands that
read a ledger may hold ``pyarrow``; its CSV reader (for large files) they must not.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROBE = """
import contextlib, io, json, sys
from provenance.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""
HEAVY = {
    "great_expectations", "pint", "pyarrow.csv", "ipywidgets", "anywidget", "altair",
    "trafilatura", "sklearn", "pyspark",
}


def loaded_by(*argv: str) -> tuple[int, set[str]]:
    """The exit code of ``provenance ARGV`` in a fresh interpreter, and its modules."""
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    found = json.loads(done.stdout)
    return found["code"], set(found["modules"])


def _first_source(ledger: Path) -> list[str]:
    """``FILE --published DATE`` for the ledger's first registered source."""
    with (ledger / "sources" / "sources.csv").open(newline="", encoding="utf-8") as handle:
        first = next(csv.DictReader(handle))
    return [str(ledger / "sources" / first["path"]), "--published", first["published"]]


COMMANDS = {  # name -> (argv given the seed and mini ledgers, modules it must not load)
    "--help": (lambda seed, mini: ["--help"], HEAVY | {"pandas", "pyarrow"}),
    "validate": (lambda seed, mini: ["validate", "--ledger", str(seed)], HEAVY),
    "fill": (lambda seed, mini: ["fill", "--ledger", str(mini)], HEAVY),
    "extract FILE": (lambda seed, mini: ["extract", *_first_source(seed)], HEAVY),
    "extract --ledger": (lambda seed, mini: ["extract", "--ledger", str(mini)], HEAVY),
}


@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_imports_nothing_heavy(command, seed_ledger, mini_ledger):
    argv, forbidden = COMMANDS[command]
    code, modules = loaded_by(*argv(seed_ledger, mini_ledger))
    assert code == 0
    assert sorted(forbidden & modules) == []


def test_the_probe_sees_great_expectations_when_check_loads_it(seed_ledger):
    code, modules = loaded_by("check", "--ledger", str(seed_ledger))
    assert code == 0
    assert "great_expectations" in modules


STANDALONE_PROBE = PROBE.replace("from provenance.cli import main", """import provenance.cli
provenance.cli.STANDALONE = True  # as the console script sets it
main = provenance.cli.main""").replace("sorted(sys.modules)",
                                       "sorted(k for k, v in sys.modules.items() if v)")


def test_the_pandas_check_never_imports_pyspark(seed_ledger):
    """The console script's pandas check (GX imports pyspark when it is installed)."""
    done = subprocess.run([sys.executable, "-c", STANDALONE_PROBE, "check", "--ledger",
                           str(seed_ledger)], cwd=ROOT, capture_output=True, text=True,
                          check=True)
    found = json.loads(done.stdout)
    assert found["code"] == 0 and "great_expectations" in found["modules"]
    assert [m for m in found["modules"] if m.split(".")[0] == "pyspark"] == []


def test_fill_reads_units_without_pint(mini_ledger):
    code, modules = loaded_by("fill", "--ledger", str(mini_ledger))
    claims = (mini_ledger / "claims.csv").read_text(encoding="utf-8")
    assert code == 0 and ",mile," in claims  # "about 190 miles" was read as miles
    assert "pint" not in modules


def test_importing_the_package_loads_no_submodule():
    listing = "import json, provenance, sys; print(json.dumps(list(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", listing],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    assert [m for m in json.loads(done.stdout) if m.startswith("provenance.")] == []


def test_every_public_name_resolves():
    import provenance

    for name in provenance.__all__:
        assert getattr(provenance, name).__module__.startswith("provenance.")
    assert set(dir(provenance)) >= set(provenance.__all__)


@pytest.mark.parametrize("name", ["extract", "fill"])
def test_public_functions_keep_their_names_after_their_modules_load(name):
    import importlib

    import provenance

    module = importlib.import_module(f"provenance.{name}")
    assert getattr(provenance, name) is getattr(module, name)
    assert callable(getattr(provenance, name))


def collecting_during_gx_import(code: str) -> list[bool]:
    """Whether the cyclic collector was on when ``code``, run in a fresh interpreter,
    imported Great Expectations (one entry per import)."""
    probe = (
        "import gc, json, sys; seen = []\n"
        "def hook(event, args):\n"
        "    if event == 'import' and args[0] == 'great_expectations':\n"
        "        seen.append(gc.isenabled())\n"
        "sys.addaudithook(hook)\n"
        f"{code}\n"
        "print(json.dumps(seen + [gc.isenabled()]))"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def test_the_check_command_imports_great_expectations_with_the_collector_paused():
    code = "from provenance.cli import main\nmain(['check', '--ledger', 'no-such-folder'])"
    assert collecting_during_gx_import(code) == [False, True]  # and on again after


def test_importing_the_library_leaves_the_collector_alone():
    imported = "import provenance.check.engines.pandas.expectations"
    assert collecting_during_gx_import(imported) == [True, True]
