"""Assembles the figures every capability defines into one table per node.

Each source computes additive figures per community in a fixed number of
grouped queries; here they are summed into the node's child rows and a total,
and rates are computed from the summed parts. The number of queries does not
grow with the number of communities or records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from stations.figures import Figure, FigureSource, Period, sources

from .nodes import Node


@dataclass
class Row:
    key: str
    name: str
    values: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Correction:
    """A figure that changed after its community closed the month."""

    community: str
    figure: str
    at_close: float
    now: float


@dataclass
class FigureTable:
    node: Node
    period: Period
    sources: list[FigureSource]
    rows: list[Row]
    total: Row
    corrections: list[Correction] = field(default_factory=list)

    def figures(self) -> list[Figure]:
        return [f for s in self.sources for f in s.figures]

    def headline(self) -> list[Figure]:
        return [f for f in self.figures() if f.headline]


def derived_value(figure: Figure, values: dict[str, float]) -> float | None:
    if figure.kind in ("rate", "ratio"):
        den = values.get(figure.denominator) or 0
        if not den:
            return None
        return round((values.get(figure.numerator) or 0) * figure.scale / den, 1)
    return values.get(figure.key, 0)


def community_values(period: Period, community_ids, *, progress=None) -> dict[int, dict[str, float]]:
    """Every source's additive figures per community, live from the records."""
    out: dict[int, dict[str, float]] = {}
    active = sources()
    for index, source in enumerate(active, start=1):
        for community_id, values in source.compute(period=period, community_ids=community_ids).items():
            bucket = out.setdefault(community_id, {})
            for key, value in values.items():
                bucket[key] = bucket.get(key, 0) + float(value or 0)
        if progress:
            progress(int(80 * index / max(len(active), 1)))
    return out


def _apply_period_closes(node: Node, period: Period, values: dict[int, dict[str, float]]) -> list[Correction]:
    """A closed month reads as it stood at closing; what changed since is
    returned as corrections after close."""
    from .models import PeriodClose
    from .periods import month_period

    if period != month_period(period.start.year, period.start.month):
        return []
    closes = PeriodClose.objects.filter(month=period.start).select_related("community")
    ids = node.community_ids()
    if ids is not None:
        closes = closes.filter(community__in=ids)
    corrections = []
    for close in closes:
        live = values.get(close.community_id, {})
        frozen = {key: float(value) for key, value in close.figures.items()}
        for key in sorted(set(live) | set(frozen)):
            if abs(live.get(key, 0) - frozen.get(key, 0)) > 1e-9:
                corrections.append(Correction(close.community.name, key, frozen.get(key, 0), live.get(key, 0)))
        values[close.community_id] = frozen
    return corrections


def build_table(node: Node, period: Period, *, progress: Callable[[int], None] | None = None) -> FigureTable:
    child_of = node.child_of_community()
    rows = {key: Row(key, name) for key, name, _obj in node.children()}
    active = sources()
    per_community = community_values(period, node.community_ids(), progress=progress)
    corrections = _apply_period_closes(node, period, per_community)
    for community_id, values in per_community.items():
        row = rows.get(child_of.get(community_id))
        if row is None:
            continue
        for key, value in values.items():
            row.values[key] = row.values.get(key, 0) + value
    total = Row("total", "")
    for row in rows.values():
        for key, value in row.values.items():
            total.values[key] = total.values.get(key, 0) + value
    table = FigureTable(
        node=node, period=period, sources=active, rows=list(rows.values()), total=total, corrections=corrections
    )
    for row in [*table.rows, table.total]:
        for figure in table.figures():
            if figure.kind in ("rate", "ratio"):
                row.values[figure.key] = derived_value(figure, row.values)
    return table
