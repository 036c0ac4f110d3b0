"""Entrepreneurship's report figures (T5-T8): subsidies in count and yuan,
guarantee loans, and startups with the jobs they created."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from entrepreneurship.models import (
    ApplicationEvent,
    ApplicationStatus,
    Business,
    GuaranteeLoan,
    SubsidyApplication,
    Transition,
)
from stations.figures import Figure, FigureSource, Period, grouped, in_communities, merge_rows


def compute(*, period: Period, community_ids) -> dict[int, dict[str, float]]:
    out: dict[int, dict[str, float]] = {}
    # A decision is counted in the period it was taken in, from the step log (a
    # decision happens in the portal: its time is the event). A payment happens
    # at the bank on its payment date, which staff record afterwards: it counts
    # in the period of that date, not of the day it was typed in.
    events = in_communities(
        ApplicationEvent.objects.filter(at__date__gte=period.start, at__date__lte=period.end),
        "application__community",
        community_ids,
    )
    for row in (
        events.values("application__community_id")
        .annotate(
            applied=Count("pk", filter=Q(transition=Transition.SUBMIT)),
            applied_yuan=Sum("application__requested_amount", filter=Q(transition=Transition.SUBMIT)),
            approved=Count("pk", filter=Q(transition=Transition.APPROVE)),
            approved_yuan=Sum("application__approved_amount", filter=Q(transition=Transition.APPROVE)),
        )
        .order_by()
    ):
        community = row["application__community_id"]
        merge_rows(
            out,
            [
                (community, f"subsidies_{key}", row[key] or 0)
                for key in ("applied", "applied_yuan", "approved", "approved_yuan")
            ],
        )
    paid = in_communities(
        SubsidyApplication.objects.filter(
            status=ApplicationStatus.PAID, paid_on__gte=period.start, paid_on__lte=period.end
        ),
        "community",
        community_ids,
    )
    for row in paid.values("community_id").annotate(n=Count("pk"), yuan=Sum("approved_amount")).order_by():
        merge_rows(
            out,
            [
                (row["community_id"], "subsidies_paid", row["n"]),
                (row["community_id"], "subsidies_paid_yuan", row["yuan"]),
            ],
        )
    loans = in_communities(
        GuaranteeLoan.objects.filter(granted_on__gte=period.start, granted_on__lte=period.end),
        "community",
        community_ids,
    )
    for row in loans.values("community_id").annotate(n=Count("pk"), yuan=Sum("amount")).order_by():
        merge_rows(
            out, [(row["community_id"], "loans_granted", row["n"]), (row["community_id"], "loans_yuan", row["yuan"])]
        )
    businesses = in_communities(
        Business.objects.filter(registered_on__gte=period.start, registered_on__lte=period.end),
        "community",
        community_ids,
    )
    merge_rows(out, grouped(businesses, "community_id", "startups", Count("pk")))
    merge_rows(out, grouped(businesses, "community_id", "startup_jobs", Sum("jobs_created")))
    return out


SOURCES = (
    FigureSource(
        "entrepreneurship",
        _("Startups, subsidies and loans"),
        (
            Figure(
                "subsidies_applied", _("Subsidy applications submitted"), _("Applications submitted within the period.")
            ),
            Figure(
                "subsidies_applied_yuan",
                _("Yuan applied for"),
                _("Amount requested by those applications."),
                kind="yuan",
            ),
            Figure(
                "subsidies_approved",
                _("Subsidies approved"),
                _("Applications approved by the district within the period."),
                headline=True,
                records=("entrepreneurship:application_list", {"status": "approved"}),
            ),
            Figure(
                "subsidies_approved_yuan", _("Yuan approved"), _("Amount approved by those decisions."), kind="yuan"
            ),
            Figure("subsidies_paid", _("Subsidies paid"), _("Applications paid with a payment date in the period.")),
            Figure("subsidies_paid_yuan", _("Yuan paid"), _("Amount of those payments."), kind="yuan"),
            Figure("loans_granted", _("Guarantee loans granted"), _("Loans with a grant date within the period.")),
            Figure("loans_yuan", _("Loan yuan granted"), _("Amount of those loans."), kind="yuan"),
            Figure(
                "startups",
                _("Startups registered"),
                _("Businesses founded by residents with a registration date in the period."),
                headline=True,
                records=("entrepreneurship:business_list", {}),
            ),
            Figure("startup_jobs", _("Jobs created by startups"), _("Jobs recorded for those businesses.")),
        ),
        compute,
        order=50,
    ),
)
