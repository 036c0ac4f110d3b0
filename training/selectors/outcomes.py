"""What training led to: the post-training employment rate and the
wish -> class -> job loop, both read from the employment history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stations.models import IN_WORK_STATUSES, EmploymentStatusChange
from training.models import (
    SEAT_HOLDING,
    ClassStatus,
    Enrolment,
    EnrolmentStatus,
    TrainingClass,
    TrainingNeed,
)

RATE_DEFINITION = _(
    "Post-training employment rate at N months: of the residents who completed a class in the period and "
    "whose N-month window has already closed, the share whose employment history shows a move into work "
    "(employed, flexible or self-employed) dated on or after the completion date and no more than N months "
    "after it. Read from the employment history, never typed; completions whose window is still open are "
    "counted in 'completed' but not in the rate."
)


RATE_GROUPS = {
    "class": ("training_class", "training_class__title"),
    "provider": ("training_class__provider", "training_class__provider__name"),
    "course": ("training_class__course", "training_class__course__name"),
    "community": ("resident__community", "resident__community__name"),
    "district": ("resident__community__street__district", "resident__community__street__district__name"),
}


@dataclass
class RateRow:
    key: int | None
    label: str
    completed: int
    matured_3m: int
    employed_3m: int
    matured_6m: int
    employed_6m: int

    @staticmethod
    def _rate(employed: int, matured: int) -> float | None:
        return round(100 * employed / matured, 1) if matured else None

    @property
    def rate_3m(self) -> float | None:
        return self._rate(self.employed_3m, self.matured_3m)

    @property
    def rate_6m(self) -> float | None:
        return self._rate(self.employed_6m, self.matured_6m)


def _moved_into_work(window_field: str) -> Exists:
    return Exists(
        EmploymentStatusChange.objects.filter(
            resident=OuterRef("resident"),
            status__in=IN_WORK_STATUSES,
            changed_on__gte=OuterRef("completed_on"),
            changed_on__lte=OuterRef(window_field),
        )
    )


def completed_enrolments_with_outcome(*, user, period_start: dt.date, period_end: dt.date) -> QuerySet[Enrolment]:
    """Completions in the period (scoped by the trainee's community), each
    annotated employed_3m / employed_6m from the employment history."""
    return (
        Enrolment.objects.visible_to(user)
        .filter(status=EnrolmentStatus.COMPLETED, completed_on__gte=period_start, completed_on__lte=period_end)
        .annotate(employed_3m=_moved_into_work("window_3m_end"), employed_6m=_moved_into_work("window_6m_end"))
    )


def post_training_employment_rate(
    *, user, group_by: str, period_start: dt.date, period_end: dt.date, today: dt.date | None = None
) -> list[RateRow]:
    """The post-training employment rate at 3 and 6 months (definition in
    RATE_DEFINITION) per class, provider, course, community or district (the
    trainee's community and district). Scope: enrolments of residents the user
    may see. One query."""
    key, label = RATE_GROUPS[group_by]
    today = today or timezone.localdate()
    matured_3m = Q(window_3m_end__lte=today)
    matured_6m = Q(window_6m_end__lte=today)
    rows = (
        completed_enrolments_with_outcome(user=user, period_start=period_start, period_end=period_end)
        .order_by()
        .values(key, label)
        .annotate(
            completed=Count("pk"),
            matured_3m=Count("pk", filter=matured_3m),
            employed_3m_n=Count("pk", filter=matured_3m & Q(employed_3m=True)),
            matured_6m=Count("pk", filter=matured_6m),
            employed_6m_n=Count("pk", filter=matured_6m & Q(employed_6m=True)),
        )
        .order_by(label)
    )
    return [
        RateRow(
            key=r[key],
            label=r[label],
            completed=r["completed"],
            matured_3m=r["matured_3m"],
            employed_3m=r["employed_3m_n"],
            matured_6m=r["matured_6m"],
            employed_6m=r["employed_6m_n"],
        )
        for r in rows
    ]


def rate_total(rows: list[RateRow]) -> RateRow:
    return RateRow(
        key=None,
        label=str(_("Total")),
        completed=sum(r.completed for r in rows),
        matured_3m=sum(r.matured_3m for r in rows),
        employed_3m=sum(r.employed_3m for r in rows),
        matured_6m=sum(r.matured_6m for r in rows),
        employed_6m=sum(r.employed_6m for r in rows),
    )


LOOP_DEFINITION = _(
    "For each wish on the needs list: offered = a class for that trade opened in the resident's district "
    "after the round; enrolled and completed = the resident took such a class; employed = moved into work "
    "within 6 months of completing it (from the employment history)."
)


def training_loop_by_district(*, user, round_from: dt.date | None = None, round_to: dt.date | None = None):
    """Per district: wishes recorded, wishes a class was offered for, enrolled,
    completed, and completed then employed within six months. One query."""
    needs = TrainingNeed.objects.visible_to(user).filter(resident__removed_at__isnull=True)
    if round_from:
        needs = needs.filter(round_date__gte=round_from)
    if round_to:
        needs = needs.filter(round_date__lte=round_to)
    offered = TrainingClass.objects.filter(
        course__occupation=OuterRef("occupation"),
        community__street__district=OuterRef("resident__community__street__district"),
        status__in=(ClassStatus.OPEN, ClassStatus.RUNNING, ClassStatus.FINISHED),
        end_date__gte=OuterRef("round_date"),
    )
    taken = Enrolment.objects.filter(
        resident=OuterRef("resident"),
        training_class__course__occupation=OuterRef("occupation"),
        status__in=SEAT_HOLDING,
    )
    completed = taken.filter(status=EnrolmentStatus.COMPLETED)
    employed = completed.annotate(in_work=_moved_into_work("window_6m_end")).filter(in_work=True)
    path = "resident__community__street__district"
    return list(
        needs.annotate(
            offered=Exists(offered),
            enrolled=Exists(taken),
            done=Exists(completed),
            employed=Exists(employed),
        )
        .order_by()
        .values(path, f"{path}__name")
        .annotate(
            wishes=Count("pk"),
            offered_n=Count("pk", filter=Q(offered=True)),
            enrolled_n=Count("pk", filter=Q(enrolled=True)),
            completed_n=Count("pk", filter=Q(done=True)),
            employed_n=Count("pk", filter=Q(employed=True)),
        )
        .order_by(f"{path}__code")
    )
