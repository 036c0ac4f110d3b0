"""Reads for the report pages: what a user may see and build."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from stations.figures import Period
from stations.models import Community, District, Station, StationStatus, Street
from stations.scoping import get_visible_or_404

from .assemble import FigureTable, Layout, build_table, month_headline_values, node_layout, table_from_values
from .comparison import Comparison
from .models import CorrectionRequest, CorrectionStatus, PeriodClose, ReportRequest
from .nodes import Node, user_home_node
from .periods import last_months, month_period, previous_month, previous_period, same_period_last_year


def report_list(*, user) -> QuerySet[ReportRequest]:
    """Workbooks for nodes inside the user's scope, the user's own requests first."""
    return ReportRequest.objects.visible_to(user).select_related("requested_by")


def correction_list(*, user, status: str = "") -> QuerySet[CorrectionRequest]:
    """Correction requests in the user's scope (by the first community they
    alter), those waiting for the street first."""
    from django.db.models import Case, IntegerField, Value, When

    rows = CorrectionRequest.objects.visible_to(user).select_related("community", "requested_by", "decided_by")
    if status:
        rows = rows.filter(status=status)
    waiting = Case(When(status=CorrectionStatus.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField())
    return rows.order_by(waiting, "-requested_at", "-pk")


def node_choices(*, user) -> list[tuple[str, str]]:
    """The user's own node and every node inside it, down to each community,
    for the request form: the city may build a workbook for any district,
    street or community, a district for its streets and communities, a street
    for its communities. Three queries at most, whatever the region's size."""
    home = user_home_node(user)
    choices = [(home.code, home.name)]
    if home.level == "city":
        choices += [(d.code, d.name) for d in District.objects.visible_to(user).order_by("code")]
    if home.level in ("city", "district"):
        streets = Street.objects.visible_to(user).select_related("district").order_by("code")
        choices += [(s.code, f"{s.district.name} · {s.name}") for s in streets]
    if home.level in ("city", "district", "street"):
        communities = Community.objects.visible_to(user).select_related("street__district").order_by("code")
        if home.level == "city":
            choices += [(c.code, f"{c.street.district.name} · {c.street.name} · {c.name}") for c in communities]
        else:
            choices += [(c.code, f"{c.street.name} · {c.name}") for c in communities]
    return choices


# A month's headline parts per community, city-wide (reports.assemble.month_headline_values).
MONTH_KEY = "reports:month-headline:{label}"
# An ended month is kept a day (the nightly warm-up computes the last
# thirteen again); a month not yet over, five minutes.
ENDED_MONTH_SECONDS = 26 * 3600
OPEN_MONTH_SECONDS = 300


def month_values(periods: list[Period], *, refresh: bool = False) -> dict[Period, dict[int, dict[str, float]]]:
    """Each month's headline parts per community, from the cache (one round
    trip for all) or computed once for the whole city and kept: every node's
    trend sums the same communities' figures, so a street's first visit finds
    the months the city's (or the warm-up) computed. Holds no one's scope:
    only `trend` and `comparison` below read it, for a node already checked."""
    keys = {period: MONTH_KEY.format(label=period.label) for period in periods}
    found = {} if refresh else cache.get_many(list(keys.values()))
    today = timezone.localdate()
    out = {}
    for period, key in keys.items():
        values = found.get(key)
        if values is None:
            values = month_headline_values(period)
            cache.set(key, values, OPEN_MONTH_SECONDS if period.end >= today else ENDED_MONTH_SECONDS)
        out[period] = values
    return out


def trend(
    node: Node,
    end_month: Period,
    *,
    months: int = 12,
    built: FigureTable | None = None,
    layout: Layout | None = None,
) -> list[tuple[Period, FigureTable]]:
    """The node's headline figures month by month, summed from the months'
    per-community parts (`month_values`) with the node's layout read once:
    the same figures as a table built live, in a few queries when the months
    are kept, whatever the node.

    `built` is the node's table for one of the months, already built live by
    the caller (the dashboard's chosen month): that month is taken from it
    and not computed city-wide."""
    periods = last_months(end_month, months)
    if built is not None and (built.node != node or built.period not in periods):
        built = None
    values = month_values([p for p in periods if built is None or p != built.period])
    layout = layout or node_layout(node)
    return [
        (
            period,
            built
            if built is not None and period == built.period
            else table_from_values(node, period, layout, values[period]),
        )
        for period in periods
    ]


def comparison(node: Node, period: Period, *, layout: Layout | None = None) -> Comparison:
    """The node's figures for the previous period (环比) and the same period
    last year (同比). Months are summed from the months' kept parts, as the
    trend is; other periods are built live."""
    previous, last_year = previous_period(period), same_period_last_year(period)
    months = [p for p in (previous, last_year) if p == month_period(p.start.year, p.start.month)]
    values = month_values(months)
    if months and layout is None:
        layout = node_layout(node)

    def table(other: Period) -> FigureTable:
        if other in values and layout is not None:
            return table_from_values(node, other, layout, values[other])
        return build_table(node, other)

    return Comparison(previous=table(previous), last_year=table(last_year))


def dashboard_figures(node: Node, period: Period) -> tuple[FigureTable, list[tuple[Period, FigureTable]], Comparison]:
    """The dashboard's table, built live (it must match a workbook built
    now), and the trend and comparisons around it, summed from the kept
    months: twelve months ending with the chosen month (or last month, for a
    longer period). The node's layout is read once for all three."""
    layout = node_layout(node)
    table = build_table(node, period, layout=layout)
    if period == month_period(period.start.year, period.start.month):
        months = trend(node, period, built=table, layout=layout)
    else:
        months = trend(node, previous_month(timezone.localdate()), layout=layout)
    return table, months, comparison(node, period, layout=layout)


# --- one workbook, the monthly close, the survey ------------------------------
def report_get(*, user, pk) -> ReportRequest:
    """A workbook for a node inside the user's scope; 404 for one elsewhere,
    as for a missing one."""
    return get_visible_or_404(ReportRequest.objects.all(), user, pk=pk)


def community_pks_by_code(*, codes: list[str]) -> dict[str, int]:
    """{code: pk} of the communities with these codes, for links from a
    report's rows (the caller's node is in scope already; the lists the links
    open apply scope again)."""
    return dict(Community.objects.filter(code__in=codes).values_list("code", "pk"))


def period_close_list(*, user, since) -> QuerySet[PeriodClose]:
    """Month closes of communities in the user's scope from `since` on."""
    return (
        PeriodClose.objects.visible_to(user)
        .filter(month__gte=since)
        .select_related("community", "submitted_by", "reviewed_by")
    )


def period_close_get(*, user, pk) -> PeriodClose:
    """A month close of a community in the user's scope; 404 for one
    elsewhere, as for a missing one."""
    return get_visible_or_404(PeriodClose.objects.all(), user, pk=pk)


def period_close_communities(*, user, limit: int = 200) -> list[Community]:
    """The communities of the month-close grid: the user's, by code, the first `limit`."""
    return list(Community.objects.visible_to(user).order_by("code")[:limit])


def correction_pending_count(*, user) -> int:
    """Correction requests in the user's scope waiting for a decision."""
    return CorrectionRequest.objects.visible_to(user).filter(status=CorrectionStatus.PENDING).count()


def survey_results(*, user) -> QuerySet[Station]:
    """Stations in the user's scope that are not closed, with their survey
    answers counted (`responses`, `satisfied` with 4 or 5) and averaged."""
    return (
        Station.objects.visible_to(user)
        .exclude(status=StationStatus.CLOSED)
        .select_related("community")
        .annotate(
            responses=Count("satisfaction_responses"),
            satisfied=Count("satisfaction_responses", filter=Q(satisfaction_responses__rating__gte=4)),
            average=Avg("satisfaction_responses__rating"),
        )
        .order_by("community__code", "name")
    )


def survey_station_get(*, user, pk) -> Station:
    """A station in the user's scope that is not closed, for its survey
    sheet; 404 for a closed one or one elsewhere, as for a missing one."""
    return get_visible_or_404(Station.objects.exclude(status=StationStatus.CLOSED), user, pk=pk)
