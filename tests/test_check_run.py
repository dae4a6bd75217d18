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


def test_fact_key_warnings_are_found_beside_the_listing_not_after_it(seed_ledger, monkeypatch):
    """The listing waits here until the warnings have begun: a check whose warnings
    queued behind the listing would find them only after waiting in vain."""
    import threading

    import provenance.check.engines.pandas.run as run

    begun, seen = threading.Event(), []
    warn, report = run.close_key_warnings, run._listed

    def warnings(*args, **kwargs):
        begun.set()
        return warn(*args, **kwargs)

    def listing(*args, **kwargs):
        seen.append(begun.wait(timeout=10))
        return report(*args, **kwargs)

    monkeypatch.setattr(run, "close_key_warnings", warnings)
    monkeypatch.setattr(run, "_listed", listing)
    run_check(load_for_check(seed_ledger))
    assert seen == [True]
