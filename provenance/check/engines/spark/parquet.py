"""``provenance export --format parquet``: a typed copy of the claims for the Spark engine.

Columns are typed as ``table.typed_claims`` types them (offsets as int64, numbers as
float64, dates as calendar dates, ``ambiguous`` as bool), every other column text; row
order is the ledger's, so ``run_check_spark(..., claims=FILE)`` lists claims in the same
order. The file is written atomically, never inside the ledger's own files.
"""

from __future__ import annotations

from pathlib import Path

from provenance.atomic import write_atomic
from provenance.ledger import Ledger
from provenance.outputs import output_file, refuse_ledger_path, write_error
from provenance.table import DATE_COLUMNS, typed_claims


def export_parquet(ledger: Ledger, output: Path) -> int:
    """Write the claims to ``output`` as Parquet; return the number of rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    refuse_ledger_path(ledger.root, output, "--output")
    output = output_file(output, "--output")
    typed = typed_claims(ledger.claims)
    table = pa.Table.from_pandas(typed, preserve_index=False)
    for name in DATE_COLUMNS:
        at = table.schema.get_field_index(name)
        table = table.set_column(at, name, table[name].cast(pa.date32()))
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    try:
        write_atomic(output, sink.getvalue().to_pybytes())
    except OSError as exc:
        raise write_error(output, exc) from None
    return len(typed)
