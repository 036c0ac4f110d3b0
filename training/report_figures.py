"""Training's report figures (T11-T13): needs, enrolments, completions and the
post-training employment rate, read from the employment history."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from stations.figures import Figure, FigureSource, Period, grouped, in_communities, merge_rows
from stations.scoping import CITY_WIDE_READER
from training.models import Enrolment, TrainingNeed
from training.selectors import completed_enrolments_with_outcome


def compute(*, period: Period, community_ids) -> dict[int, dict[str, float]]:
    out: dict[int, dict[str, float]] = {}
    needs = in_communities(
        TrainingNeed.objects.filter(round_date__gte=period.start, round_date__lte=period.end),
        "resident__community",
        community_ids,
    )
    merge_rows(out, grouped(needs, "resident__community_id", "training_needs", Count("pk")))
    enrolments = in_communities(
        Enrolment.objects.filter(enrolled_on__gte=period.start, enrolled_on__lte=period.end),
        "resident__community",
        community_ids,
    )
    merge_rows(out, grouped(enrolments, "resident__community_id", "enrolments", Count("pk")))
    completions = in_communities(
        completed_enrolments_with_outcome(user=CITY_WIDE_READER, period_start=period.start, period_end=period.end),
        "resident__community",
        community_ids,
    )
    matured = Q(window_6m_end__lte=period.end)
    for row in (
        completions.values("resident__community_id")
        .annotate(
            done=Count("pk"),
            matured=Count("pk", filter=matured),
            employed=Count("pk", filter=matured & Q(employed_6m=True)),
        )
        .order_by()
    ):
        community = row["resident__community_id"]
        merge_rows(
            out,
            [
                (community, "completions", row["done"]),
                (community, "completions_matured_6m", row["matured"]),
                (community, "employed_within_6m", row["employed"]),
            ],
        )
    return out


SOURCES = (
    FigureSource(
        "training",
        _("Training"),
        (
            Figure(
                "training_needs", _("Training needs recorded"), _("Wishes on the needs list collected in the period.")
            ),
            Figure("enrolments", _("Enrolments"), _("Enrolments dated within the period.")),
            Figure(
                "completions",
                _("Completions"),
                _("Enrolments completed within the period."),
                headline=True,
            ),
            Figure(
                "completions_matured_6m",
                _("Completions with six months passed"),
                _("Completions in the period whose six-month window ended by the end of the period."),
            ),
            Figure(
                "employed_within_6m",
                _("Employed within six months"),
                _("Of those, trainees whose employment history shows a move into work within six months."),
            ),
            Figure(
                "post_training_employment_rate",
                _("Post-training employment rate"),
                _("Employed within six months / completions with six months passed."),
                kind="rate",
                numerator="employed_within_6m",
                denominator="completions_matured_6m",
                headline=True,
            ),
        ),
        compute,
        order=40,
    ),
)
