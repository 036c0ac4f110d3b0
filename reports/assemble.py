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


@dataclass
class FigureTable:
    node: Node
    period: Period
    sources: list[FigureSource]
    rows: list[Row]
    total: Row

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


def build_table(node: Node, period: Period, *, progress: Callable[[int], None] | None = None) -> FigureTable:
    community_ids = node.community_ids()
    child_of = node.child_of_community()
    children = node.children()
    rows = {key: Row(key, name) for key, name, _obj in children}
    active = sources()
    for index, source in enumerate(active, start=1):
        per_community = source.compute(period=period, community_ids=community_ids)
        for community_id, values in per_community.items():
            row = rows.get(child_of.get(community_id))
            if row is None:
                continue
            for key, value in values.items():
                row.values[key] = row.values.get(key, 0) + float(value or 0)
        if progress:
            progress(int(80 * index / max(len(active), 1)))
    total = Row("total", "")
    for row in rows.values():
        for key, value in row.values.items():
            total.values[key] = total.values.get(key, 0) + value
    table = FigureTable(node=node, period=period, sources=active, rows=list(rows.values()), total=total)
    for row in [*table.rows, table.total]:
        for figure in table.figures():
            if figure.kind in ("rate", "ratio"):
                row.values[figure.key] = derived_value(figure, row.values)
    return table
