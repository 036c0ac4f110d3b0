"""Reads for the report pages: what a user may see and build."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from stations.figures import Period
from stations.models import Community, District, Street

from .assemble import FigureTable, build_table
from .comparison import Comparison
from .models import CorrectionRequest, CorrectionStatus, ReportRequest
from .nodes import Node, user_home_node
from .periods import last_months, month_period, previous_period, same_period_last_year


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


def trend(
    node: Node,
    end_month: Period,
    *,
    months: int = 12,
    refresh: bool = False,
    built: FigureTable | None = None,
) -> list[tuple[Period, FigureTable]]:
    """Headline figures month by month. Closed months are cached for a day
    (the nightly warm-up rebuilds them, so a day's first visitor does not wait
    for twelve city tables); the current month for five minutes.

    `built` is the node's table for one of the months, already built live by
    the caller (the dashboard's chosen month): an uncached month takes it
    instead of building the same table again. Each table is about 50 grouped
    queries whose cost is mostly the ORM's, not the database's (profiled on
    the demo data: 0.08 s of SQL in 0.6 s a table), so one table fewer is
    one fourteenth of a cold dashboard."""
    out = []
    today = timezone.localdate()
    for period in last_months(end_month, months):
        key = f"reports:trend:{node.code}:{period.label}"
        table = None if refresh else cache.get(key)
        if table is None:
            if built is not None and built.node == node and built.period == period:
                table = built
            else:
                table = build_table(node, period)
            cache.set(key, table, 300 if period.end >= today else 26 * 3600)
        out.append((period, table))
    return out


def comparison(node: Node, period: Period) -> Comparison:
    """The node's figures for the previous period (环比) and the same period
    last year (同比). A month comes from the trend's cache (the dashboard's
    months are those); other periods are built live."""

    def table(other: Period) -> FigureTable:
        if other == month_period(other.start.year, other.start.month):
            return trend(node, other, months=1)[0][1]
        return build_table(node, other)

    return Comparison(previous=table(previous_period(period)), last_year=table(same_period_last_year(period)))
