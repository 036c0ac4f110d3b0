"""Timing with a limit measured in turns, rolled-back writes, peak memory."""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable

from django.db import transaction

MB = 1024 * 1024


class Rollback(Exception):
    pass


def rolled_back(func: Callable[[], object], *, setup: Callable[[], object] | None = None) -> float:
    """Seconds `func` takes inside a transaction that is then rolled back;
    `setup` runs first in the same transaction, untimed."""
    elapsed = 0.0
    try:
        with transaction.atomic():
            if setup is not None:
                setup()
            started = time.perf_counter()
            func()
            elapsed = time.perf_counter() - started
            raise Rollback
    except Rollback:
        pass
    return elapsed


def timed(func: Callable[[], object]) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


def alternate(
    product: Callable[[], float], limit: Callable[[], float], repeat: int, *, warm_up: bool = True
) -> tuple[float, float]:
    """Median seconds of each, run in turns (after one warm-up each unless the
    work is long enough to warm itself), so drift in the machine's load falls
    on both alike. Each callable returns its own elapsed seconds, so setup
    outside the timed part is not counted."""
    if warm_up:
        product()
        limit()
    ps, ls = [], []
    for _ in range(max(repeat, 1)):
        ps.append(product())
        ls.append(limit())
    return statistics.median(ps), statistics.median(ls)


def peak_mb(func: Callable[[], object]) -> float:
    """Peak Python memory while `func` runs (tracemalloc; slows it, so never
    timed in the same call)."""
    gc.collect()
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]
