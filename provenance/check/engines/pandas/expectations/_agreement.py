"""Shared condition of the agreement expectations: a row fails when its claim's interval
is disjoint from the interval of a claim of another outlet with the same fact key (text
claims: when its category differs, see :mod:`provenance.check.categories`); and of the
closeness expectation: when the intervals touch but the central figures differ by more
than ``max_relative_gap`` (a *discrepancy*, :mod:`provenance.check.discrepancy`).

A job's kind is ``quantity``, ``duration``, ``date`` or ``text`` (agreement) or
``quantity:close``, ``duration:close`` (closeness). Inside :func:`shared_analyses` each
(kind, tuning, columns) is analysed once, so the GX condition and the check's listing of pairs
(``provenance.check``) use the same computation. Given the registry's outlets, the block
compares by outlet: claims of two articles of one outlet are the outlet contradicting
itself (internal pairs), not two reports (the GX condition does not count them).
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from contextvars import ContextVar
from threading import Lock

import pandas as pd

from provenance.check.agreement import Analysis, analyse, outlet_codes
from provenance.check.discrepancy import Closeness, find_discrepancies
from provenance.check.intervals import Tuning
from provenance.check.jobs import COMPARISONS, require_columns

WORKERS = 1  # threads analysing the jobs of a shared block; callers analyse the rest
_SHARED: ContextVar[tuple[dict, Lock, Mapping[str, str] | None] | None] = ContextVar(
    "provenance_shared_analyses", default=None)


def _key(frame: pd.DataFrame, kind: str, tuning: Tuning) -> tuple:
    return kind, tuning, tuple(frame.columns), len(frame)


def _analysed(frame: pd.DataFrame, kind: str, tuning: Tuning) -> Analysis | Closeness:
    compared, _, measure = kind.partition(":")
    require_columns(compared, frame.columns)
    intervals = _intervals(frame, compared, tuning)
    if measure == "close":
        return find_discrepancies(intervals, tuning.max_relative_gap)
    return analyse(intervals)


def _intervals(frame: pd.DataFrame, kind: str, tuning: Tuning) -> pd.DataFrame:
    """The compared intervals, made once per (kind, the settings its comparison reads,
    columns) inside :func:`shared_analyses` (a conflict and a discrepancy analysis read
    the same ones, though the discrepancy's rounding settings mean nothing to durations):
    a thread asking while another makes them waits for that one's frame."""
    shared = _SHARED.get()
    if shared is None:
        return COMPARISONS[kind](frame, tuning)
    memo, lock, outlets = shared
    reads = {"quantity": ("approx_tolerance", "rounding_precision", "round_figure_min_zeros",
                          "max_rounding_share", "min_overlap"),
             "duration": ("approx_tolerance", "min_overlap"), "date": ("min_overlap",)}
    settings = (*(getattr(tuning, name) for name in reads.get(kind, ())), tuning.statuses)
    key = ("intervals", kind, settings, tuple(frame.columns), len(frame))
    with lock:
        found = memo.get(key)
        mine = found is None
        if mine:
            found = memo[key] = Future()
            found.set_running_or_notify_cancel()
    if mine:
        _settle(found, lambda: _made(frame, kind, tuning, outlets))
    return found.result()


def _made(frame: pd.DataFrame, kind: str, tuning: Tuning,
          outlets: Mapping[str, str] | None) -> pd.DataFrame:
    """The intervals of ``kind`` claims, with their outlets' codes when ``outlets`` is given."""
    found = COMPARISONS[kind](frame, tuning)
    if outlets is not None:
        found["outlet"] = outlet_codes(found["source_id"], outlets)  # a frame of its own
    return found


def _settle(future: Future, compute: Callable[[], object]) -> None:
    """Give ``future`` what ``compute`` returns, or the exception it raises (raised again
    to every thread waiting for it)."""
    try:
        future.set_result(compute())
    except Exception as exc:
        future.set_exception(exc)


@contextmanager
def shared_analyses(jobs: Sequence[tuple[pd.DataFrame, str, Tuning]] = (),
                    outlets: Mapping[str, str] | None = None) -> Iterator[None]:
    """Within this block, one batch's analysis per (kind, tuning, columns) is computed once.

    ``jobs`` (frame, kind, tuning) are queued for :data:`WORKERS` worker thread, in
    their order: their sorts run outside the GIL while the caller goes on (GX validates
    the batch). A job still queued when a thread asks for it is analysed by that thread
    (:func:`analysis`): fewer threads share the cores with a long job (quantities,
    queued first), and it does not hold up the others.
    ``outlets`` (source id -> outlet name) makes pairs of one outlet
    internal (:func:`provenance.check.agreement.outlet_codes`); without it, pairs of one source.
    """
    memo: dict[tuple, Future] = {}
    token = _SHARED.set((memo, Lock(), outlets))
    try:
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            for job in jobs:  # each in a copy of this context (one context cannot be
                # entered by two threads at once), sharing this block's memo
                memo[_key(*job)] = pool.submit(contextvars.copy_context().run, _analysed, *job)
            yield
    finally:
        _SHARED.reset(token)


def analysis(frame: pd.DataFrame, kind: str, tuning: Tuning) -> Analysis | Closeness:
    """The analysed intervals of ``kind`` claims in ``frame`` (shared inside the block).

    A shared job not yet started is taken over and computed in the calling thread rather
    than waited for: GX asks for the kinds in an order of its own (that of its metric
    graph, which varies with Python's string hashing), and waiting for the last job queued
    means waiting for all of them.
    """
    shared, key = _SHARED.get(), _key(frame, kind, tuning)
    if shared is None:
        return _analysed(frame, kind, tuning)
    memo, lock, _ = shared
    with lock:
        future = memo.get(key)
        mine = future is None or future.cancel()
        if mine:
            future = memo[key] = Future()
            future.set_running_or_notify_cancel()  # so no other caller can take it over
    if mine:
        _settle(future, lambda: _analysed(frame, kind, tuning))
    return future.result()


def in_completion_order(jobs: Mapping[str, tuple[pd.DataFrame, str, Tuning]]) -> Iterator[str]:
    """The names of ``jobs`` (each a frame, kind and tuning), those whose analysis is done
    first: then one not yet begun (which :func:`analysis` computes in the calling thread),
    else the first to finish. Outside :func:`shared_analyses`, in their own order."""
    shared = _SHARED.get()
    if shared is None:
        yield from jobs
        return
    memo, lock, _ = shared
    pending = dict(jobs)
    while pending:
        with lock:
            futures = {name: memo.get(_key(*job)) for name, job in pending.items()}
        ready = sorted((name for name, future in futures.items()
                        if future is None or future.done() or not future.running()),
                       key=lambda name: futures[name] is None or not futures[name].done())
        if not ready:
            wait(list(futures.values()), return_when=FIRST_COMPLETED)
            continue
        del pending[ready[0]]
        yield ready[0]


def unpaired_rows(frame: pd.DataFrame, kinds: Sequence[str], tuning: Tuning) -> pd.Series:
    """True for every row except claims that one of the ``kinds`` of job (``quantity`` for
    conflicts, ``quantity:close`` for discrepancies) pairs with a claim of another
    outlet."""
    ok = pd.Series(True, index=frame.index)
    for kind in kinds:
        found = analysis(frame, kind, tuning)
        ok.loc[found.frame.index[found.partners > 0]] = False
    return ok
