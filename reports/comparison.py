"""How a bureau reads progress: each figure against the previous period (环比)
and the same period last year (同比), as a percent change.

The change is (now - then) / then, in percent, rounded to one decimal; there
is none ("—") where either value is missing or the base is zero. A rate is
compared as a number like any other (the change of the rate, not of its parts).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from stations.figures import Figure

from .assemble import FigureTable, Row
from .ranking import figure_value


def percent_change(now: float | None, then: float | None) -> float | None:
    if now is None or then is None or then == 0:
        return None
    return round((now - then) * 100 / abs(then), 1)


@dataclass(frozen=True)
class Change:
    then: float | None
    percent: float | None


@dataclass(frozen=True)
class Comparison:
    """The node's tables for the previous period and the same period last year."""

    previous: FigureTable
    last_year: FigureTable

    @cached_property
    def _rows(self) -> dict[int, dict[str, Row]]:
        return {
            id(table): {**{row.key: row for row in table.rows}, "total": table.total}
            for table in (self.previous, self.last_year)
        }

    def _change(self, table: FigureTable, figure: Figure, row: Row) -> Change:
        """The row of the same child (or the total) in the other period; a
        child that is not there (a station opened since) has no base."""
        base_row = self._rows[id(table)].get(row.key)
        then = figure_value(figure, base_row) if base_row is not None else None
        return Change(then, percent_change(figure_value(figure, row), then))

    def on_previous(self, figure: Figure, row: Row) -> Change:
        return self._change(self.previous, figure, row)

    def on_last_year(self, figure: Figure, row: Row) -> Change:
        return self._change(self.last_year, figure, row)


def build_comparison(node, period) -> Comparison:
    """Both comparison tables built live from the records (as a workbook is)."""
    from .assemble import build_table
    from .periods import previous_period, same_period_last_year

    return Comparison(
        previous=build_table(node, previous_period(period)),
        last_year=build_table(node, same_period_last_year(period)),
    )
