"""Assembles the figures every capability defines into one table per node.

Each source computes additive figures per community in a fixed number of
grouped queries; here they are summed into the node's child rows and a total,
and rates are computed from the summed parts. The number of queries does not
grow with the number of communities, stations or records.

A community's rows are its stations. Only the figures marked `per_station`
can be told apart per station, so a station row holds those and leaves the
rest blank; the total row holds the community's own figures, the same as its
row in the street's table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext

from stations.figures import Figure, FigureSource, Period, all_figures, compute_values, sources

from .nodes import Node
from .routers import reading_for_reports

# Where a period close keeps the station rows as they stood at closing.
STATIONS_AT_CLOSE = "by_station"


@dataclass
class Row:
    key: str
    name: str
    values: dict[str, float] = field(default_factory=dict)
    # A station's row holds only the per-station figures; other rows hold all.
    station_id: int | None = None
    holds_only: frozenset[str] | None = None

    def holds(self, key: str) -> bool:
        return self.holds_only is None or key in self.holds_only

    @property
    def label(self) -> str:
        # Stations have no division code and two may share a name; the
        # number is the one on the station's survey QR code and staff pages.
        if self.station_id is None:
            return self.name
        return gettext("%(name)s (no. %(number)s)") % {"name": self.name, "number": self.station_id}


@dataclass(frozen=True)
class Drift:
    """A figure whose live value differs from the one its community closed the
    month with: an as-built figure (stations, target groups...) or records
    moved between communities. Shown, never applied."""

    community: str
    figure: str
    at_close: float
    now: float


@dataclass(frozen=True)
class CorrectionLine:
    """One figure of a closed month that an approved correction changed."""

    number: int
    month: str
    community: str
    figure: str
    before: float
    after: float
    change: str
    asked_by: str
    asked_at: str
    approved_by: str
    approved_at: str


@dataclass
class FigureTable:
    node: Node
    period: Period
    sources: list[FigureSource]
    rows: list[Row]
    total: Row
    drift: list[Drift] = field(default_factory=list)
    corrections: list[CorrectionLine] = field(default_factory=list)

    def figures(self) -> list[Figure]:
        return [f for s in self.sources for f in s.figures]

    # A table kept in a cache (the dashboard's trend kept one per month before
    # it kept per-community figures instead). Pickled whole, each table
    # carried every source's figures with their lazy translated labels, and
    # unpickling 2,400 lazy strings for twelve months took about 2 s. The
    # sources are registered in code, so a pickle keeps their keys and finds
    # them again when loaded.
    def __getstate__(self) -> dict:
        return {**self.__dict__, "sources": [source.key for source in self.sources]}

    def __setstate__(self, state: dict) -> None:
        registered = {source.key: source for source in sources()}
        self.__dict__.update(state, sources=[registered[key] for key in state["sources"] if key in registered])

    def headline(self) -> list[Figure]:
        return [f for f in self.figures() if f.headline]

    @property
    def has_station_rows(self) -> bool:
        return self.node.level == "community"


def derived_value(figure: Figure, values: dict[str, float]) -> float | None:
    if figure.kind in ("rate", "ratio"):
        den = values.get(figure.denominator) or 0
        if not den:
            return None
        return round((values.get(figure.numerator) or 0) * figure.scale / den, 1)
    return values.get(figure.key, 0)


def community_values(period: Period, community_ids, *, progress=None) -> dict[int, dict[str, float]]:
    """Every source's additive figures per community, live from the records."""
    return compute_values(period, community_ids, progress=progress)


def station_values(period: Period, community_ids) -> dict[int, dict[str, float]]:
    """Every source's per-station figures, live from the records."""
    out: dict[int, dict[str, float]] = {}
    for source in sources():
        if source.compute_per_station is None:
            continue
        keys = {f.key for f in source.figures if f.per_station}
        for station_id, values in source.compute_per_station(period=period, community_ids=community_ids).items():
            bucket = out.setdefault(station_id, {})
            for key, value in values.items():
                if key in keys:
                    bucket[key] = bucket.get(key, 0) + float(value or 0)
    return out


def community_station_rows(period: Period, community) -> list[dict]:
    """The community's station rows, live: [{"station", "name", "figures"}],
    in a fixed number of queries. A closed station is listed only when it has
    figures in the period (ratings given before it closed)."""
    from stations.models import Station, StationStatus

    additive = [f.key for f in all_figures() if f.per_station and f.kind not in ("rate", "ratio")]
    live = station_values(period, [community.pk])
    rows = []
    stations = Station.objects.filter(community=community).order_by("name", "pk")
    for pk, name, status in stations.values_list("pk", "name", "status"):
        figures = dict.fromkeys(additive, 0.0) | live.get(pk, {})
        if status == StationStatus.CLOSED and not any(figures.values()):
            continue
        rows.append({"station": pk, "name": name, "figures": figures})
    return rows


def _apply_period_closes(
    ids: list[int] | None, period: Period, values: dict[int, dict[str, float]]
) -> tuple[list[Drift], dict[int, list[dict] | None]]:
    """A closed month reads as it stood at closing, with the approved
    corrections added; where the live records read otherwise the difference is
    returned as drift, with the station rows kept at closing per closed
    community (None where the close kept none)."""
    from .models import PeriodClose
    from .periods import month_period

    if period != month_period(period.start.year, period.start.month):
        return [], {}
    closes = PeriodClose.objects.filter(month=period.start).select_related("community")
    if ids is not None:
        closes = closes.filter(community__in=ids)
    drift, stations_at_close = [], {}
    for close in closes:
        live = values.get(close.community_id, {})
        kept = dict(close.figures)
        stations_at_close[close.community_id] = kept.pop(STATIONS_AT_CLOSE, None)
        frozen = {key: float(value) for key, value in kept.items()}
        for key in sorted(set(live) | set(frozen)):
            if abs(live.get(key, 0) - frozen.get(key, 0)) > 1e-9:
                drift.append(Drift(close.community.name, key, frozen.get(key, 0), live.get(key, 0)))
        values[close.community_id] = frozen
    return drift, stations_at_close


def _name(user) -> str:
    return user.display_name if user is not None else ""


def _corrections(community_ids: list[int] | None, period: Period) -> list[CorrectionLine]:
    """The approved corrections of closed months inside the node and period,
    one line per figure they changed. One query."""
    from django.utils import timezone

    from stations.closed_months import MonthChange

    from .models import CorrectionRequest, CorrectionStatus
    from .services_corrections import operation_label

    ids = None if community_ids is None else set(community_ids)
    rows = (
        CorrectionRequest.objects.filter(status=CorrectionStatus.APPLIED, month__lte=period.end)
        .select_related("requested_by", "decided_by")
        .order_by("decided_at", "pk")
    )
    lines = []
    for correction in rows:
        for change in (MonthChange.from_json(c) for c in correction.applied_changes):
            if not (period.start <= change.month <= period.end) or (ids is not None and change.community_id not in ids):
                continue
            for key, (before, after) in sorted(change.figures.items()):
                lines.append(
                    CorrectionLine(
                        number=correction.pk,
                        month=change.label,
                        community=change.community_name,
                        figure=key,
                        before=before,
                        after=after,
                        change=operation_label(correction.operation),
                        asked_by=_name(correction.requested_by),
                        asked_at=timezone.localtime(correction.requested_at).strftime("%Y-%m-%d %H:%M"),
                        approved_by=_name(correction.decided_by),
                        approved_at=timezone.localtime(correction.decided_at).strftime("%Y-%m-%d %H:%M"),
                    )
                )
    return sorted(lines, key=lambda line: (line.month, line.community, line.number))


def _station_rows(node: Node, period: Period, stations_at_close: dict[int, list[dict] | None]) -> list[Row]:
    community = node.obj
    if community.pk in stations_at_close:
        # A month closed before closes kept station rows has none to show:
        # live figures would not add up to the closed total.
        kept = stations_at_close[community.pk] or []
    else:
        kept = community_station_rows(period, community)
    per_station = frozenset(f.key for f in all_figures() if f.per_station)
    return [
        Row(
            f"station-{entry['station']}",
            entry["name"],
            {key: float(value) for key, value in entry["figures"].items()},
            station_id=entry["station"],
            holds_only=per_station,
        )
        for entry in kept
    ]


@dataclass(frozen=True)
class Layout:
    """Where a node's communities go in its table: read once, it serves any
    number of months (the dashboard's trend assembles thirteen from it)."""

    community_ids: list[int] | None
    children: tuple[tuple[str, str], ...]
    child_of: dict[int, str]


def node_layout(node: Node) -> Layout:
    """Two queries above a community (its communities with their child row,
    the child rows), none for a community."""
    if node.level == "community":
        return Layout([node.obj.pk], (), {})
    child_of = node.child_of_community()
    return Layout(
        None if node.level == "city" else list(child_of),
        tuple((key, name) for key, name, _obj in node.children()),
        child_of,
    )


def _child_rows(layout: Layout, per_community: dict[int, dict[str, float]]) -> tuple[list[Row], Row]:
    """The node's child rows, each the sum of its communities, and their total."""
    by_key = {key: Row(key, name) for key, name in layout.children}
    for community_id, values in per_community.items():
        row = by_key.get(layout.child_of.get(community_id))
        if row is None:
            continue
        for key, value in values.items():
            row.values[key] = row.values.get(key, 0) + value
    rows = list(by_key.values())
    total = Row("total", "")
    for row in rows:
        for key, value in row.values.items():
            total.values[key] = total.values.get(key, 0) + value
    return rows, total


def _with_rates(table: FigureTable) -> FigureTable:
    for row in [*table.rows, table.total]:
        for figure in table.figures():
            if figure.kind in ("rate", "ratio") and row.holds(figure.key):
                row.values[figure.key] = derived_value(figure, row.values)
    return table


def trend_keys() -> frozenset[str]:
    """The additive figures the headline figures are made of: all the
    dashboard's trend and comparisons (and the bulletin's) read."""
    keys: set[str] = set()
    for figure in all_figures():
        if figure.headline:
            keys |= {figure.numerator, figure.denominator} if figure.kind in ("rate", "ratio") else {figure.key}
    return frozenset(keys)


@reading_for_reports()
def month_headline_values(period: Period) -> dict[int, dict[str, float]]:
    """Every community's headline parts for one month, as a table of any node
    reads them: live from the records, a closed month as its community closed
    it (with approved corrections). City-wide and unscoped, so one computation
    serves every node; a caller hands out only a node's sum
    (`table_from_values`), for a node the user may see. A community with any
    figure keeps every key (zero where none), so a row with data reads zero,
    as in a table built live."""
    values = community_values(period, None)
    _apply_period_closes(None, period, values)
    keys = trend_keys()
    return {community_id: {key: got.get(key, 0.0) for key in keys} for community_id, got in values.items()}


def table_from_values(node: Node, period: Period, layout: Layout, per_community: dict[int, dict[str, float]]):
    """The node's table for a month from `month_headline_values`: the same
    headline figures as `build_table`, with no drift, corrections or station
    rows (a community's table has its total only). No query."""
    if node.level == "community":
        rows, total = [], Row("total", "", dict(per_community.get(node.obj.pk, {})))
    else:
        rows, total = _child_rows(layout, per_community)
    return _with_rates(FigureTable(node=node, period=period, sources=sources(), rows=rows, total=total))


# Workbooks, the dashboard, its trend and the bulletin all come through here:
# their figure reads may go to the report replica (reports/routers.py).
@reading_for_reports()
def build_table(
    node: Node,
    period: Period,
    *,
    progress: Callable[[int], None] | None = None,
    layout: Layout | None = None,
) -> FigureTable:
    layout = layout or node_layout(node)
    per_community = community_values(period, layout.community_ids, progress=progress)
    drift, stations_at_close = _apply_period_closes(layout.community_ids, period, per_community)
    if node.level == "community":
        rows = _station_rows(node, period, stations_at_close)
        total = Row("total", "", dict(per_community.get(node.obj.pk, {})))
    else:
        rows, total = _child_rows(layout, per_community)
    table = FigureTable(
        node=node,
        period=period,
        sources=sources(),
        rows=rows,
        total=total,
        drift=drift,
        corrections=_corrections(layout.community_ids, period),
    )
    return _with_rates(table)
