"""The job market's report figures (T1-T4, T15)."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from jobs.models import Employer, LabourSurvey, Placement, Posting, Recommendation
from stations.figures import Figure, FigureSource, Period, grouped, in_communities, merge_rows

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
)
