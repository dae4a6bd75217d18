"""The pandas engine's run: what it prepares while the batch is built."""

from __future__ import annotations

from provenance.check.engines.pandas.run import load_for_check, run_check
from provenance.check.jobs import COMPARISONS
from provenance.values import units


def test_pint_registry_is_made_with_the_batch_before_any_quantity_is_compared(
        seed_ledger, monkeypatch):
    """Its first use costs a fifth of a second (importing pint): not on the analyses'
    critical path."""
    events: list[str] = []

    def spy(name, real):
        return lambda *args, **kwargs: events.append(name) or real(*args, **kwargs)

    monkeypatch.setattr(units, "registry", spy("registry", units.registry))
    monkeypatch.setitem(COMPARISONS, "quantity", spy("quantities", COMPARISONS["quantity"]))
    run_check(load_for_check(seed_ledger))
    assert "quantities" in events
    assert events.index("registry") < events.index("quantities")
