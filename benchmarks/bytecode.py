"""Every timing here meets the package as any run after the first does: compiled.

Python keeps each module's compiled bytecode beside it after the first import, unless the
environment forbids writing it (``PYTHONDONTWRITEBYTECODE``, set on the machine behind
docs/performance.md); every fresh process then compiles the package's modules again, and
a command's lazy imports put that compilation inside its timing.
"""

from __future__ import annotations

import compileall
import importlib.util
import sys


def compile_package(name: str = "provenance") -> None:
    """Write the bytecode of every module of ``name`` (found, not imported), as a first
    run would have; say so on stderr."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{name}: package not found")
    folder = spec.submodule_search_locations[0]
    if not compileall.compile_dir(folder, quiet=1):
        raise SystemExit(f"{folder}: a module does not compile")
    print(f"bytecode of {folder} compiled, as after a first run", file=sys.stderr)
