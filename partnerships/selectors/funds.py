"""Reads of the community funds: allocations with their running figures, the
spending ledger, adjustments, and the balance the services check against.

The allocation list annotates approved adjustments and spending as correlated
subqueries, so a page of allocations is one query however many rows it shows.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, DecimalField, F, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from stations.params import parse_pk, parse_year
from stations.scoping import get_visible_or_404

from ..models import AdjustmentStatus, FundAdjustment, FundAllocation, FundSpending

MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(Decimal("0.00"), output_field=MONEY)


def _sum_of(queryset) -> Coalesce:
    """A correlated SUM(amount) of `queryset` per allocation, 0 when it has no rows."""
    total = queryset.filter(allocation=OuterRef("pk")).order_by().values("allocation").annotate(s=Sum("amount"))
    return Coalesce(Subquery(total.values("s")[:1], output_field=MONEY), ZERO, output_field=MONEY)


def with_figures(queryset: QuerySet[FundAllocation]) -> QuerySet[FundAllocation]:
    """Annotate `adjusted` (approved adjustments), `available` (amount + adjusted),
    `spent` and `balance` (available - spent)."""
    return queryset.annotate(
        adjusted=_sum_of(FundAdjustment.objects.filter(status=AdjustmentStatus.APPROVED)),
        spent=_sum_of(FundSpending.objects.all()),
    ).annotate(
        available=F("amount") + F("adjusted"),
        balance=F("amount") + F("adjusted") - F("spent"),
    )


def used_percent(allocation) -> Decimal | None:
    """Share of the available money spent, for an allocation annotated by `with_figures`."""
    if not allocation.available or allocation.available <= 0:
        return None
    return (allocation.spent * 100 / allocation.available).quantize(Decimal("0.1"))


def allocation_list(*, user, filters: dict | None = None) -> QuerySet[FundAllocation]:
    filters = filters or {}
    qs = with_figures(FundAllocation.objects.visible_to(user).select_related("community__street__district"))
    if year := parse_year(filters.get("year")):
        qs = qs.filter(year=year)
    if community := parse_pk(filters.get("community")):
        qs = qs.filter(community_id=community)
    return qs


def allocation_get(*, user, pk) -> FundAllocation:
    """One allocation in scope with its figures (`with_figures`) and
    `used_percent`; 404 when missing or out of scope alike."""
    allocation = get_visible_or_404(
        with_figures(FundAllocation.objects.select_related("community__street__district", "allocated_by")),
        user,
        pk=pk,
    )
    allocation.used_percent = used_percent(allocation)
    return allocation


def allocation_choices(*, user) -> QuerySet[FundAllocation]:
    """Allocations in scope to choose from."""
    return FundAllocation.objects.visible_to(user)


def adjustment_get(*, user, pk) -> FundAdjustment:
    """One adjustment in scope with who asked and who decided; 404 when missing or out of scope alike."""
    return get_visible_or_404(
        FundAdjustment.objects.select_related("allocation__community", "requested_by", "decided_by"), user, pk=pk
    )


def allocation_years(*, user) -> list[int]:
    return list(FundAllocation.objects.visible_to(user).order_by("-year").values_list("year", flat=True).distinct())


def allocation_totals(queryset: QuerySet[FundAllocation]) -> dict:
    """Column totals of an annotated allocation list (one query)."""
    # Aliases must differ from the annotations they sum: Django drops an
    # annotation from the inner query when an aggregate reuses its name.
    totals = queryset.order_by().aggregate(
        total_amount=Sum("amount"),
        total_adjusted=Sum("adjusted"),
        total_spent=Sum("spent"),
        total_balance=Sum("balance"),
    )
    return {key.removeprefix("total_"): value or Decimal("0") for key, value in totals.items()}


def allocation_balance(allocation: FundAllocation) -> Decimal:
    """Amount + approved adjustments - spending, read now from the database.

    The services call it after locking the allocation row, so under PostgreSQL's
    read committed each SUM sees whatever a transaction that held the lock
    before them has committed.
    """
    adjusted = FundAdjustment.objects.filter(allocation=allocation, status=AdjustmentStatus.APPROVED).aggregate(
        s=Sum("amount")
    )["s"] or Decimal("0")
    spent = FundSpending.objects.filter(allocation=allocation).aggregate(s=Sum("amount"))["s"] or Decimal("0")
    return allocation.amount + adjusted - spent


def spending_by_category(allocation: FundAllocation) -> list[dict]:
    """[{category, label, lines, amount}] for one allocation, largest first."""
    from ..models import SpendingCategory

    rows = (
        FundSpending.objects.filter(allocation=allocation)
        .values("category")
        .annotate(amount=Sum("amount"), lines=Count("pk"))
        .order_by("-amount")
    )
    return [{**row, "label": SpendingCategory(row["category"]).label} for row in rows]


def spending_list(*, user, filters: dict | None = None) -> QuerySet[FundSpending]:
    filters = filters or {}
    qs = FundSpending.objects.visible_to(user).select_related("allocation__community", "recorded_by")
    if allocation := parse_pk(filters.get("allocation")):
        qs = qs.filter(allocation_id=allocation)
    return qs


def adjustment_list(*, user, filters: dict | None = None) -> QuerySet[FundAdjustment]:
    filters = filters or {}
    qs = FundAdjustment.objects.visible_to(user).select_related("allocation__community", "requested_by", "decided_by")
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if allocation := parse_pk(filters.get("allocation")):
        qs = qs.filter(allocation_id=allocation)
    return qs


def adjustments_waiting(*, user) -> QuerySet[FundAdjustment]:
    """Requests waiting for a decision, oldest first."""
    return adjustment_list(user=user, filters={"status": AdjustmentStatus.REQUESTED}).order_by("requested_at", "pk")
