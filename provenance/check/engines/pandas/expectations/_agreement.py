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
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from threading import Lock

import pandas as pd

from provenance.check.agreement import Analysis, analyse, outlet_codes
from provenance.check.discrepancy import Closeness, find_discrepancies
from provenance.check.intervals import Tuning
from provenance.check.jobs import COMPARISONS, require_columns

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
    the same ones, though the discrepancy's rounding settings mean nothing to durations;
    two threads asking at once both compute them, and get equal frames)."""
    shared = _SHARED.get()
    if shared is None:
        return COMPARISONS[kind](frame, tuning)
    memo, _, outlets = shared
    reads = {"quantity": ("approx_tolerance", "rounding_precision", "round_figure_min_zeros",
                          "max_rounding_share", "min_overlap"),
             "duration": ("approx_tolerance", "min_overlap"), "date": ("min_overlap",)}
    settings = (*(getattr(tuning, name) for name in reads.get(kind, ())), tuning.statuses)
    key = ("intervals", kind, settings, tuple(frame.columns), len(frame))
    found = memo.get(key)
    if found is None:
        found = COMPARISONS[kind](frame, tuning)
        if outlets is not None:
            found["outlet"] = outlet_codes(found["source_id"], outlets)  # a frame of its own
        memo[key] = found
    return found


@contextmanager
def shared_analyses(jobs: Sequence[tuple[pd.DataFrame, str, Tuning]] = (),
                    outlets: Mapping[str, str] | None = None) -> Iterator[None]:
    """Within this block, one batch's analysis per (kind, tuning, columns) is computed once.

    ``jobs`` (frame, kind, tuning) start at once in a worker thread: their sorts run
    outside the GIL while the caller goes on (the check makes the rest of its batch and
    GX validates it). ``outlets`` (source id -> outlet name) makes pairs of one outlet
    internal (:func:`provenance.check.agreement.outlet_codes`); without it, pairs of one source.
    """
    memo: dict[tuple, Future] = {}
    token = _SHARED.set((memo, Lock(), outlets))
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            context = contextvars.copy_context()  # the jobs share this block's memo
            for job in jobs:
                memo[_key(*job)] = pool.submit(context.run, _analysed, *job)
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
        try:
            future.set_result(_analysed(frame, kind, tuning))
        except Exception as exc:  # raised below, and to every thread waiting for it
            future.set_exception(exc)
    return future.result()


def unpaired_rows(frame: pd.DataFrame, kinds: Sequence[str], tuning: Tuning) -> pd.Series:
    """True for every row except claims that one of the ``kinds`` of job (``quantity`` for
    conflicts, ``quantity:close`` for discrepancies) pairs with a claim of another
    outlet."""
    ok = pd.Series(True, index=frame.index)
    for kind in kinds:
        found = analysis(frame, kind, tuning)
        ok.loc[found.frame.index[found.partners > 0]] = False
    return ok
