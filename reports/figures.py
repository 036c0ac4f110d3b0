"""Satisfaction figures (保障措施: residents' satisfaction is evaluated)."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from stations.figures import Figure, FigureSource, Period, merge_rows

from .models import SatisfactionResponse


def _responses(period: Period, community_ids, group_by: str) -> dict[int, dict[str, float]]:
    qs = SatisfactionResponse.objects.filter(created_at__date__gte=period.start, created_at__date__lte=period.end)
    if community_ids is not None:
        qs = qs.filter(station__community__in=community_ids)
    out: dict[int, dict[str, float]] = {}
    for row in (
        qs.values(group_by)
        .annotate(n=Count("pk"), satisfied=Count("pk", filter=Q(rating__gte=4)), points=Sum("rating"))
        .order_by()
    ):
        key = row[group_by]
        merge_rows(
            out,
            [
                (key, "satisfaction_responses", row["n"]),
                (key, "satisfaction_satisfied", row["satisfied"]),
                (key, "satisfaction_points", row["points"]),
            ],
        )
    return out


def compute_satisfaction(*, period: Period, community_ids) -> dict[int, dict[str, float]]:
    return _responses(period, community_ids, "station__community_id")


def compute_satisfaction_per_station(*, period: Period, community_ids) -> dict[int, dict[str, float]]:
    """Every response names its station, so satisfaction is told apart per station."""
    return _responses(period, community_ids, "station_id")


SOURCE = FigureSource(
    "satisfaction",
    _("Satisfaction"),
    (
        Figure(
            "satisfaction_responses",
            _("Survey responses"),
            _("Ratings given on the stations' survey forms."),
            per_station=True,
        ),
        Figure(
            "satisfaction_satisfied",
            _("Satisfied (4-5 stars)"),
            _("Responses rating the station 4 or 5 out of 5."),
            per_station=True,
        ),
        Figure(
            "satisfaction_points",
            _("Rating points"),
            _("Sum of all ratings (for the average)."),
            per_station=True,
        ),
        Figure(
            "satisfaction_rate",
            _("Satisfaction rate"),
            _("Satisfied responses / all responses in the period."),
            kind="rate",
            numerator="satisfaction_satisfied",
            denominator="satisfaction_responses",
            headline=True,
            per_station=True,
        ),
        Figure(
            "satisfaction_average",
            _("Average rating (of 5)"),
            _("Rating points / responses."),
            kind="ratio",
            numerator="satisfaction_points",
            denominator="satisfaction_responses",
            scale=1,
            per_station=True,
        ),
    ),
    compute_satisfaction,
    order=90,
    compute_per_station=compute_satisfaction_per_station,
)
