"""The job market's report figures (T1-T4, T15) and the day-labour corner's (零工)."""

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from jobs.models import HOLDS_PLACE, Employer, Gig, GigOffer, LabourSurvey, Placement, Posting, Recommendation
from stations.figures import Figure, FigureSource, Period, grouped, in_communities, merge_rows
from stations.models import EmploymentStatus, EmploymentStatusChange

PUBLISHED_STATES = ("published", "filled", "expired")


def compute(*, period: Period, community_ids) -> dict[int, dict[str, float]]:
    out: dict[int, dict[str, float]] = {}
    merge_rows(
        out,
        grouped(
            in_communities(Employer.objects.all(), "community", community_ids), "community_id", "employers", Count("pk")
        ),
    )
    surveys = in_communities(
        LabourSurvey.objects.filter(surveyed_on__gte=period.start, surveyed_on__lte=period.end),
        "employer__community",
        community_ids,
    )
    merge_rows(out, grouped(surveys, "employer__community_id", "employers_surveyed", Count("employer", distinct=True)))
    published = in_communities(
        Posting.objects.filter(
            status__in=PUBLISHED_STATES,
            published_at__date__gte=period.start,
            published_at__date__lte=period.end,
        ),
        "community",
        community_ids,
    )
    for row in (
        published.values("community_id")
        .annotate(
            n=Count("pk"),
            heads=Sum("headcount"),
            welfare=Count("pk", filter=Q(is_public_welfare=True)),
            worker=Count("pk", filter=Q(is_community_worker=True)),
        )
        .order_by()
    ):
        merge_rows(
            out,
            [
                (row["community_id"], "postings_published", row["n"]),
                (row["community_id"], "postings_headcount", row["heads"]),
                (row["community_id"], "public_welfare_posts", row["welfare"]),
                (row["community_id"], "community_worker_posts", row["worker"]),
            ],
        )
    recommendations = in_communities(
        Recommendation.objects.filter(recommended_on__gte=period.start, recommended_on__lte=period.end),
        "resident__community",
        community_ids,
    )
    merge_rows(out, grouped(recommendations, "resident__community_id", "recommendations", Count("pk")))
    placements = in_communities(
        Placement.objects.filter(started_on__gte=period.start, started_on__lte=period.end),
        "resident__community",
        community_ids,
    )
    merge_rows(out, grouped(placements, "resident__community_id", "placements", Count("pk")))
    return out


def compute_gigs(*, period: Period, community_ids) -> dict[int, dict[str, float]]:
    """Odd jobs by the day they are for and the community they are in."""
    out: dict[int, dict[str, float]] = {}
    gigs = in_communities(Gig.objects.filter(date__gte=period.start, date__lte=period.end), "community", community_ids)
    merge_rows(out, grouped(gigs.exclude(status="blocked"), "community_id", "gigs_posted", Count("pk")))
    # Time to fill, summed in minutes here (one query): durations do not sum
    # alike in SQLite and PostgreSQL.
    for community_id, posted, filled in gigs.filter(filled_at__isnull=False).values_list(
        "community_id", "posted_at", "filled_at"
    ):
        minutes = max((filled - posted).total_seconds() / 60, 0)
        merge_rows(out, [(community_id, "gigs_filled", 1), (community_id, "gig_fill_minutes", minutes)])
    offers = in_communities(
        GigOffer.objects.filter(gig__date__gte=period.start, gig__date__lte=period.end), "gig__community", community_ids
    )
    for row in (
        offers.values("gig__community_id")
        .annotate(
            days=Count("pk", filter=Q(checked_in_at__isnull=False)),
            paid=Sum("pay_confirmed"),
            disputes=Count("pk", filter=Q(unpaid_reported_at__isnull=False)),
            taken=Count("pk", filter=Q(state__in=HOLDS_PLACE)),
        )
        .order_by()
    ):
        community_id = row["gig__community_id"]
        merge_rows(
            out,
            [
                (community_id, "gig_worker_days", row["days"]),
                (community_id, "gig_pay_confirmed", row["paid"] or 0),
                (community_id, "gig_pay_disputes", row["disputes"]),
                (community_id, "gig_places_taken", row["taken"]),
            ],
        )
    _flexible_employment(out, period=period, community_ids=community_ids)
    return out


# A resident recorded in one of these on the period's last day has another
# job: odd work beside it is not their employment (docs/domain.md).
OTHER_JOB = (EmploymentStatus.EMPLOYED, EmploymentStatus.SELF_EMPLOYED)


def _flexible_employment(out: dict, *, period: Period, community_ids) -> None:
    """Residents who worked odd jobs in the period, by their own community,
    and of them those with no other job recorded on its last day: flexible
    employment (灵活就业) as the figures count it, whatever the record says.
    The status on the last day is the employment history's latest change by
    then, or the record's status where the history holds none."""
    status_then = (
        EmploymentStatusChange.objects.filter(resident=OuterRef("resident"), changed_on__lte=period.end)
        .order_by("-changed_on", "-pk")
        .values("status")[:1]
    )
    worked = in_communities(
        GigOffer.objects.filter(
            gig__date__gte=period.start, gig__date__lte=period.end, checked_in_at__isnull=False
        ).annotate(status_then=Coalesce(Subquery(status_then), F("resident__employment_status"))),
        "resident__community",
        community_ids,
    )
    for row in (
        worked.values("resident__community_id")
        .annotate(
            workers=Count("resident", distinct=True),
            flexible=Count("resident", distinct=True, filter=~Q(status_then__in=OTHER_JOB)),
        )
        .order_by()
    ):
        community_id = row["resident__community_id"]
        merge_rows(
            out,
            [(community_id, "gig_workers", row["workers"]), (community_id, "gig_flexibly_employed", row["flexible"])],
        )


SOURCES = (
    FigureSource(
        "jobs",
        _("Jobs and placements"),
        (
            Figure(
                "employers",
                _("Employers in the database"),
                _("Employers recorded in the community labour database."),
                as_built=True,
            ),
            Figure(
                "employers_surveyed",
                _("Employers surveyed"),
                _("Employers with at least one labour survey dated within the period."),
            ),
            Figure(
                "postings_published",
                _("Postings published"),
                _("Postings first published within the period (counted by place of work)."),
                headline=True,
            ),
            Figure(
                "postings_headcount", _("People wanted"), _("Headcount of the postings published within the period.")
            ),
            Figure("public_welfare_posts", _("Public-welfare posts"), _("Published postings flagged public-welfare.")),
            Figure(
                "community_worker_posts",
                _("Community-worker posts"),
                _("Published postings flagged as community-worker posts (T4)."),
            ),
            Figure(
                "recommendations",
                _("Job recommendations"),
                _("Recommendations recorded within the period (by the resident's community)."),
            ),
            Figure(
                "placements",
                _("Placements"),
                _("Hires recorded with a start date within the period (by the resident's community)."),
                headline=True,
            ),
        ),
        compute,
        order=30,
    ),
    FigureSource(
        "gigs",
        _("Odd jobs (零工)"),
        (
            Figure(
                "gigs_posted",
                _("Odd jobs posted"),
                _("Odd jobs for a day within the period (by place of work)."),
                headline=True,
            ),
            Figure("gigs_filled", _("Odd jobs filled"), _("Odd jobs of the period whose places were all taken.")),
            Figure(
                "gig_fill_minutes",
                _("Minutes to fill, summed"),
                _("From posting to the last place taken, summed over the filled odd jobs."),
            ),
            Figure(
                "gig_time_to_fill",
                _("Average minutes to fill"),
                _("Minutes to fill / odd jobs filled."),
                kind="ratio",
                numerator="gig_fill_minutes",
                denominator="gigs_filled",
                scale=1,
            ),
            Figure("gig_places_taken", _("Odd-job places taken"), _("Places taken on the period's odd jobs.")),
            Figure(
                "gig_worker_days",
                _("Odd-job worker-days"),
                _("Workers who checked in on an odd job of the period (one a day each)."),
            ),
            Figure(
                "gig_pay_confirmed",
                _("Odd-job pay confirmed"),
                _("Pay the posters confirmed for the period's odd jobs."),
                kind="yuan",
            ),
            Figure(
                "gig_pay_disputes",
                _("Odd-job pay disputes"),
                _("Workers who reported not being paid for an odd job of the period."),
            ),
            Figure(
                "gig_workers",
                _("Residents who worked odd jobs"),
                _("Residents who checked in on an odd job of the period (by the resident's community)."),
            ),
            Figure(
                "gig_flexibly_employed",
                _("In flexible employment through odd jobs"),
                _(
                    "Of those, residents with no other job recorded on the period's last day "
                    "(not employed, not self-employed): counted as flexibly employed."
                ),
            ),
        ),
        compute_gigs,
        order=31,
    ),
)
