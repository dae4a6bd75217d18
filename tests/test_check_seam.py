"""The seam between the check's engine-neutral core and its engines, read from the source.

The core (``provenance/check/`` outside ``engines/``) is plain data and functions: no
module of it imports Arrow, threads or Great Expectations, not even inside a function.
Each engine owns its tricks: the pandas engine's caches are imported by no module outside
its own package.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "provenance"
CHECK = PACKAGE / "check"
PANDAS_ENGINE = CHECK / "engines" / "pandas"
SPARK_ENGINE = CHECK / "engines" / "spark"
ENGINE_ONLY = ("pyarrow", "threading", "concurrent.futures", "contextvars",
               "great_expectations")
PANDAS_CACHES = (  # module-level caches and the modules that read them
    "provenance.check.engines.pandas.expectations._agreement",  # shared analyses
    "provenance.check.engines.pandas.batch",  # the Arrow strings of batch categories
    "provenance.check.engines.pandas.expectations.categorical_metrics",  # reads those
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, package: str | None = None) -> list[tuple[int, str]]:
    """Every module ``path`` imports (top level or inside functions), absolute, with its
    line; ``from x import y`` counts as both ``x`` and ``x.y``. Relative imports are
    read from ``package`` (by default, the package ``path`` is in)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    if package is None:
        name = module_name(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            parts = package.split(".")
            anchor = parts[:len(parts) - node.level + 1] if node.level else []
            base = ".".join([*anchor, *([node.module] if node.module else [])])
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


CORE = sorted(p for p in CHECK.rglob("*.py") if "engines" not in p.relative_to(CHECK).parts)
OUTSIDE_PANDAS = sorted(p for p in PACKAGE.rglob("*.py") if PANDAS_ENGINE not in p.parents)
OUTSIDE_SPARK = sorted(p for p in PACKAGE.rglob("*.py") if SPARK_ENGINE not in p.parents)


def test_the_core_is_a_package_of_its_own_modules():
    names = {p.stem for p in CORE}
    assert {"results", "suites", "intervals", "agreement", "discrepancy", "categories",
            "summary", "messages", "report", "jobs"} <= names


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(CHECK)))
def test_a_core_module_imports_no_arrow_threads_or_gx(path):
    engine_only = [f"line {line}: {name}" for line, name in imported(path)
                   if any(within(name, banned) for banned in ENGINE_ONLY)]
    assert engine_only == []


@pytest.mark.parametrize("path", [p for p in CORE if p.name != "__init__.py"],
                         ids=lambda p: str(p.relative_to(CHECK)))
def test_a_core_module_imports_no_engine(path):
    """(The package's ``__init__`` names the engines' entry points, loaded on first use.)"""
    assert [name for _, name in imported(path) if within(name, "provenance.check.engines")] == []


def test_the_pandas_engines_caches_are_read_inside_it_only():
    readers = [f"{p.relative_to(PACKAGE.parent)}:{line} {name}" for p in OUTSIDE_PANDAS
               for line, name in imported(p)
               if any(within(name, cache) for cache in PANDAS_CACHES)]
    assert readers == []


def test_only_the_spark_engine_imports_pyspark():
    importers = [f"{p.relative_to(PACKAGE.parent)}:{line}" for p in OUTSIDE_SPARK
                 for line, name in imported(p) if within(name, "pyspark")]
    assert importers == []


def test_the_seam_test_sees_imports_inside_functions_and_relative_ones(tmp_path):
    module = tmp_path / "sample.py"
    module.write_text("def f():\n    import pyarrow.compute as pc\n"
                      "    from threading import Lock\n    from ..batch import category_text\n")
    names = [name for _, name in imported(module, "provenance.check.engines.pandas.x")]
    assert {"pyarrow.compute", "threading.Lock",
            "provenance.check.engines.pandas.batch.category_text"} <= set(names)


def test_every_folder_of_the_check_is_a_package_setuptools_ships():
    folders = {p.parent for p in CHECK.rglob("*.py")}
    assert sorted(str(f.relative_to(CHECK)) for f in folders
                  if not (f / "__init__.py").is_file()) == []
