"""Report figures: community funds (保障措施 三). Money allocated, approved
adjustments, spending and the balance at the period's end, per community, in
six grouped queries whatever the number of communities."""

import datetime as dt

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stations.figures import Figure, FigureSource, Period, grouped, in_communities, merge_rows

from ..models import AdjustmentStatus, FundAdjustment, FundAllocation, FundSpending


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def compute(*, period: Period, community_ids) -> dict[int, dict[str, float]]:
    out: dict[int, dict[str, float]] = {}
    end_exclusive = _local_midnight(period.end_exclusive)
    allocations = in_communities(FundAllocation.objects.all(), "community", community_ids)
    approved = in_communities(
        FundAdjustment.objects.filter(status=AdjustmentStatus.APPROVED), "allocation__community", community_ids
    )
    spending = in_communities(FundSpending.objects.all(), "allocation__community", community_ids)

    in_period = Q(allocated_on__gte=period.start, allocated_on__lte=period.end)
    for row in (
        allocations.filter(allocated_on__lte=period.end)
        .values("community_id")
        .annotate(
            n=Count("pk", filter=in_period),
            yuan=Sum("amount", filter=in_period),
            to_date=Sum("amount"),
        )
        .order_by()
    ):
        merge_rows(
            out,
            [
                (row["community_id"], "funds_allocations", row["n"]),
                (row["community_id"], "funds_allocated_yuan", row["yuan"]),
                (row["community_id"], "funds_balance_yuan", row["to_date"]),
            ],
        )
    # An adjustment counts from the day the district approved it.
    decided_in_period = Q(decided_at__gte=_local_midnight(period.start))
    for row in (
        approved.filter(decided_at__lt=end_exclusive)
        .values("allocation__community_id")
        .annotate(yuan=Sum("amount", filter=decided_in_period), to_date=Sum("amount"))
        .order_by()
    ):
        community = row["allocation__community_id"]
        merge_rows(
            out, [(community, "funds_adjusted_yuan", row["yuan"]), (community, "funds_balance_yuan", row["to_date"])]
        )
    spent_to_date = spending.filter(spent_on__lte=period.end)
    merge_rows(
        out,
        grouped(
            spent_to_date.filter(spent_on__gte=period.start),
            "allocation__community_id",
            "funds_spent_yuan",
            Sum("amount"),
        ),
    )
    for community, _key, value in grouped(spent_to_date, "allocation__community_id", "to_date", Sum("amount")):
        merge_rows(out, [(community, "funds_balance_yuan", -(value or 0))])
    return out


def _f(key, label, definition, **kwargs):
    return Figure(
        key, label, definition, records=("partnerships:allocation_list", {"community": "{community}"}), **kwargs
    )


SOURCE = FigureSource(
    "partnerships_funds",
    _("Funds to communities"),
    (
        _f("funds_allocations", _("Fund allocations"), _("Allocations by the district dated within the period.")),
        _f(
            "funds_allocated_yuan",
            _("Yuan allocated"),
            _("Employment subsidy funds the district allocated to the community, dated within the period."),
            kind="yuan",
        ),
        _f(
            "funds_adjusted_yuan",
            _("Yuan of approved adjustments"),
            _("Adjustments to allocations the district approved within the period (reductions count negative)."),
            kind="yuan",
        ),
        _f(
            "funds_spent_yuan",
            _("Yuan spent"),
            _("Spending the community recorded against its allocations, dated within the period."),
            kind="yuan",
            headline=True,
        ),
        _f(
            "funds_balance_yuan",
            _("Balance at period end"),
            _(
                "Everything allocated up to the period's end, plus adjustments approved by then, "
                "minus everything spent by then."
            ),
            kind="yuan",
        ),
    ),
    compute,
    order=95,
)
