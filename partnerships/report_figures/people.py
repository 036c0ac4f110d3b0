"""Report figures for the people behind the plan's support measures: the
training of community staff (系统培训、定期轮训) and the typical examples
published (保障措施 二、三).

An attendance counts for the community it was filed under: the attendee's
community when recorded, which only community staff have (street and bureau
staff belong to no community, so they are not in these figures). A course
counts in the period its first day falls in.
"""

import datetime as dt

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stations.figures import Figure, FigureSource, Period, grouped, in_communities, merge_rows

from ..models import StaffTrainingAttendance, TypicalExample


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def compute(*, period: Period, community_ids) -> dict[int, dict[str, float]]:
    out: dict[int, dict[str, float]] = {}
    attendances = in_communities(
        StaffTrainingAttendance.objects.filter(
            community__isnull=False, session__starts_on__gte=period.start, session__starts_on__lte=period.end
        ),
        "community",
        community_ids,
    )
    for row in (
        attendances.values("community_id")
        .annotate(n=Count("pk"), hours=Sum("session__hours", filter=Q(completed=True)))
        .order_by()
    ):
        merge_rows(
            out,
            [
                (row["community_id"], "people_staff_training_attendances", row["n"]),
                (row["community_id"], "people_staff_training_hours", float(row["hours"] or 0)),
            ],
        )
    # Timestamps against local midnights, not __date lookups (same days, and
    # PostgreSQL need not convert every row's timestamp).
    published = in_communities(
        TypicalExample.objects.filter(
            published_at__gte=_local_midnight(period.start), published_at__lt=_local_midnight(period.end_exclusive)
        ),
        "community",
        community_ids,
    )
    merge_rows(out, grouped(published, "community_id", "people_examples_published", Count("pk")))
    return out


SOURCE = FigureSource(
    "partnerships_people",
    _("Staff training and typical examples"),
    (
        Figure(
            "people_staff_training_attendances",
            _("Staff training attendances"),
            _(
                "Community staff attending a systematic or rotation course that starts in the period, "
                "counted by the community they worked in when recorded; one per person and course."
            ),
            records=("partnerships:staff_training_list", {"community": "{community}"}),
        ),
        Figure(
            "people_staff_training_hours",
            _("Training hours of community staff"),
            _("Hours of the courses community staff completed, for courses starting in the period."),
            headline=True,
            records=("partnerships:staff_training_list", {"community": "{community}"}),
        ),
        Figure(
            "people_examples_published",
            _("Typical examples published"),
            _(
                "Examples the city bureau published in the period, by the example's community "
                "(one withdrawn later still counts in the period it was published)."
            ),
            headline=True,
            records=("partnerships:example_list", {"community": "{community}"}),
        ),
    ),
    compute,
    order=72,
)
