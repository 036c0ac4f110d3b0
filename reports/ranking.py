"""Ranking a node's child rows on one figure, for the progress bulletin (通报).

Each figure says which way is progress (`Figure.better`): the best figure is
No. 1 whether that is the most placements or the fewest overdue cases. Rows
with the same value share a rank and the next rank skips (competition
ranking: 1, 1, 3). A row with no data for the figure (a rate without a base,
a child with no communities) is listed after the ranked rows, unranked.
"""

from __future__ import annotations

from dataclasses import dataclass

from stations.figures import Figure

from .assemble import Row


@dataclass(frozen=True)
class Ranked:
    rank: int | None
    row: Row
    value: float | None


def figure_value(figure: Figure, row: Row) -> float | None:
    """The row's value for the figure, or None where the row has no data for
    it. A count with no records in a row that has data is zero, as in the
    workbook."""
    if not row.holds(figure.key) or not row.values:
        return None
    value = row.values.get(figure.key)
    if value is None and figure.kind not in ("rate", "ratio"):
        return 0.0
    return value


def rank_rows(figure: Figure, rows: list[Row]) -> list[Ranked]:
    """The rows best first by the figure's direction, ties sharing a rank,
    then the rows without data (rank None). Ties keep the rows' own order."""
    values = [(figure_value(figure, row), row) for row in rows]
    sign = 1 if figure.better == "lower" else -1
    with_data = sorted(((v, r) for v, r in values if v is not None), key=lambda pair: sign * pair[0])
    out: list[Ranked] = []
    rank, previous = 0, None
    for position, (value, row) in enumerate(with_data, start=1):
        if value != previous:
            rank, previous = position, value
        out.append(Ranked(rank, row, value))
    out += [Ranked(None, row, None) for value, row in values if value is None]
    return out
