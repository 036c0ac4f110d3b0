"""The figures by name, and one figure's run as `manage.py bench` makes it."""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable

from django.test.utils import override_settings

from benchmarks.measures.exports import measure_export, measure_ledger_export
from benchmarks.measures.hygiene import nothing_left_behind
from benchmarks.measures.imports import measure_import
from benchmarks.measures.matching import measure_matching
from benchmarks.measures.pages import measure_pages
from benchmarks.measures.reminders import measure_reminders
from benchmarks.measures.reports import measure_dashboard, measure_workbook
from benchmarks.measures.results import Result
from benchmarks.measures.throughput import measure_throughput

# Figures a plain `manage.py bench` runs.
DEFAULT_FIGURES = (
    "workbook",
    "export",
    "list_export",
    "import",
    "reminders",
    "matching",
    "pages",
    "dashboard",
    "throughput",
)

# Every figure by the name --only takes.
FIGURES: dict[str, Callable[..., list[Result]]] = {
    "workbook": measure_workbook,
    "export": measure_ledger_export,
    "list_export": measure_export,
    "import": measure_import,
    "reminders": measure_reminders,
    "matching": measure_matching,
    "pages": measure_pages,
    "dashboard": measure_dashboard,
    "throughput": measure_throughput,
}


def run_figure(name: str, **options) -> tuple[list[Result], str]:
    """One figure as the command runs it: DEBUG off (no query log kept for
    every statement, as in production), every row its requests committed
    removed afterwards, and the 1-minute load average when it started and
    ended stored with each of its lines. A figure that breaks becomes one
    failed line, so that it does not hide the others; the traceback is
    returned with it ("" when it ran)."""
    load_before = os.getloadavg()[0]
    failure = ""
    try:
        with override_settings(DEBUG=False), nothing_left_behind():
            found = FIGURES[name](**options)
    except Exception as exc:  # one broken figure must not hide the others
        failure = traceback.format_exc()
        found = [Result(name, 0, "", None, None, "runs", False, f"failed: {type(exc).__name__}: {exc}")]
    load = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    for result in found:
        result.load_average = load
    return found, failure
