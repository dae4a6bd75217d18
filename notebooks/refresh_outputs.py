"""Re-execute the notebooks and store their outputs for nbval (run on purpose, then review).

    python notebooks/refresh_outputs.py

Runs each notebook with its folder as working directory (so it reads the repository's
ledger unless PROVENANCE_LEDGER is set — unset it first) and drops the saved widget
state, which is large and not compared by nbval.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
NOTEBOOKS = ("dashboard.ipynb", "editor.ipynb", "tutorial.ipynb")


def refresh(path: Path) -> None:
    """Execute ``path`` in place and strip run-specific metadata."""
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=600, resources={"metadata": {"path": str(HERE)}}).execute()
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(notebook, path)


def main() -> int:
    if os.environ.get("PROVENANCE_LEDGER"):
        print("unset PROVENANCE_LEDGER: stored outputs must show the repository's ledger")
        return 2
    for name in sys.argv[1:] or NOTEBOOKS:
        refresh(HERE / name)
        print(f"refreshed {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
