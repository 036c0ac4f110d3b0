"""Report figures: each capability defines its own, the report layer assembles.

A `FigureSource` computes additive figures per community for a period, in a
fixed number of grouped queries whatever the number of communities. Rates are
declared as numerator / denominator of such figures, so a street's or a
district's rate is computed from its summed parts, never by averaging rates.
Each app lists its sources in `<app>/report_figures` (`SOURCES`); the
reports app finds and registers them (stations.app_modules).

Only a few figures can be told apart per station (a community's workbook has a
row per station): those marked `per_station`, which their source also computes
per station with `compute_per_station`. The rest are facts about a community
(its residents, its employers, its service log) that no record ties to one
station, so a station row leaves them blank rather than guess.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    definition: str
    # "count", "yuan", or "rate" (numerator / denominator, shown as percent),
    # or "ratio" (numerator / denominator x `scale`).
    kind: str = "count"
    numerator: str = ""
    denominator: str = ""
    scale: int = 100
    target: float | None = None
    # Headline figures appear on the summary sheet, the dashboard and the bulletin.
    headline: bool = False
    # Sensitive personal categories are never shown below this many people.
    hidden: bool = False
    # The staff list that holds the records behind the figure for one
    # community: (url name, query), "{community}" standing for its pk.
    records: tuple[str, dict] | None = None
    # The source computes it per station too (a rate: both its parts).
    per_station: bool = False
    # Read from records as they stand when the workbook is built (a station's
    # status, a resident's target groups), not from dated events: no write can
    # be told to belong to a past month, so a closed month keeps the value it
    # had at closing and later edits are not refused (stations.closed_months).
    as_built: bool = False


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    label: str

    @property
    def end_exclusive(self) -> dt.date:
        return self.end + dt.timedelta(days=1)


def month_period(year: int, month: int) -> Period:
    """The calendar month as a period labelled 2026-10."""
    last = calendar.monthrange(year, month)[1]
    return Period(dt.date(year, month, 1), dt.date(year, month, last), f"{year}-{month:02d}")


# compute(period=..., community_ids=...) -> {community_id: {figure_key: number}};
# compute_per_station, same arguments -> {station_id: {figure_key: number}} for
# the stations the communities host, with the source's `per_station` figures.
ComputeFn = Callable[..., dict[int, dict[str, float]]]


@dataclass(frozen=True)
class FigureSource:
    key: str
    sheet: str  # the workbook sheet (an area of the plan)
    figures: tuple[Figure, ...]
    compute: ComputeFn
    order: int = 100
    notes: tuple[str, ...] = field(default_factory=tuple)
    compute_per_station: ComputeFn | None = None


_SOURCES: dict[str, FigureSource] = {}


def register_source(source: FigureSource) -> None:
    _SOURCES[source.key] = source


def sources() -> list[FigureSource]:
    return sorted(_SOURCES.values(), key=lambda s: s.order)


def all_figures() -> list[Figure]:
    return [f for s in sources() for f in s.figures]


def as_built_keys() -> frozenset[str]:
    return frozenset(f.key for f in all_figures() if f.as_built)


def compute_values(period: Period, community_ids, *, progress=None) -> dict[int, dict[str, float]]:
    """Every source's additive figures per community, live from the records:
    {community_id: {figure_key: number}} (None: every community)."""
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


def merge_rows(target: dict[int, dict[str, float]], rows: Iterable[tuple[int, str, float]]) -> None:
    """Add (community_id, key, value) triples into a per-community dict."""
    for community_id, key, value in rows:
        if community_id is None:
            continue
        bucket = target.setdefault(community_id, {})
        bucket[key] = bucket.get(key, 0) + (value or 0)


def grouped(queryset, community_field: str, key: str, aggregate) -> list[tuple[int, str, float]]:
    """One grouped query: (community_id, key, value) for each community."""
    return [
        (row[community_field], key, row["v"])
        for row in queryset.values(community_field).annotate(v=aggregate).order_by()
    ]


def in_communities(queryset, path: str, community_ids):
    """Limit a source's queryset to the node's communities (None: the whole city)."""
    return queryset if community_ids is None else queryset.filter(**{f"{path}__in": community_ids})
