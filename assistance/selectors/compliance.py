"""12333 compliance for a period, per node of the city."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import (
    Q,
)

from assistance import clock
from assistance.models import AssistanceCase, CloseReason
from assistance.schedule import (
    Checkpoint,
    case_is_compliant,
)
from assistance.selectors.counts import annotate_counts, counts_of, current_schedule, window_end

LEVELS = ("case", "staff", "community", "street", "district", "city")


def case_compliance(case, *, schedule: list[Checkpoint]) -> tuple[bool, bool]:
    """(compliant, helped into work) for an evaluated case annotated with its
    counts: helped into work is closed early because the person found work.
    Definition: assistance.schedule.COMPLIANCE_DEFINITION."""
    closed_for_work = case.close_reason == CloseReason.FOUND_WORK
    compliant = case_is_compliant(
        opened_on=case.opened_on,
        counts=counts_of(case),
        schedule=schedule,
        closed_on=case.closed_on,
        closed_for_work=closed_for_work,
    )
    return compliant, closed_for_work and case.closed_on < case.year_ends_on


def compliance_cases(*, user, period_start: dt.date, period_end: dt.date, today: dt.date | None = None):
    """Cases in the denominator for the period: first year ended in the
    period, or closed in it (within the first year), counts limited to the
    counting window. One query."""
    today = today or clock.today()
    end = window_end()
    return (
        annotate_counts(AssistanceCase.objects.visible_to(user))
        .annotate(evaluated_on=end)
        .filter(evaluated_on__gte=period_start, evaluated_on__lte=period_end)
        # An open case's year has ended only once its last day has passed.
        .filter(Q(closed_on__isnull=False) | Q(year_ends_on__lt=today))
        .select_related("resident__community__street__district", "assigned_to")
        .order_by("resident__community__code", "opened_on", "pk")
    )


def _case_node(case, level):
    community = case.resident.community
    if level == "case":
        return case.pk, f"{case.resident.name} ({case.opened_on})"
    if level == "staff":
        staff = case.assigned_to
        return staff.pk, staff.display_name
    if level == "community":
        return community.pk, community.name
    if level == "street":
        return community.street_id, community.street.name
    if level == "district":
        return community.street.district_id, community.street.district.name
    from django.conf import settings

    return 0, settings.PORTAL_CITY_NAME


def compliance_by_node(
    *, user, period_start: dt.date, period_end: dt.date, level: str, today: dt.date | None = None
) -> list[dict]:
    """12333 compliance for the period, one row per node of `level` (case,
    staff, community, street, district or city) inside the user's scope.

    Each row: key, label, cases (denominator), compliant, rate (0-1 or None),
    helped_into_work (closed early because the person found work) and
    helped_into_work_compliant. Definition: assistance.schedule
    .COMPLIANCE_DEFINITION. The schedule in force on period_end applies.
    One database query whatever the number of cases.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    schedule = current_schedule(on=period_end)
    rows: dict = {}
    totals = defaultdict(int)
    for case in compliance_cases(user=user, period_start=period_start, period_end=period_end, today=today):
        compliant, early_work = case_compliance(case, schedule=schedule)
        key, label = _case_node(case, level)
        row = rows.setdefault(
            key,
            {
                "level": level,
                "key": key,
                "label": label,
                "cases": 0,
                "compliant": 0,
                "helped_into_work": 0,
                "helped_into_work_compliant": 0,
            },
        )
        row["cases"] += 1
        row["compliant"] += int(compliant)
        row["helped_into_work"] += int(early_work)
        row["helped_into_work_compliant"] += int(early_work and compliant)
        totals["cases"] += 1
    out = list(rows.values())
    for row in out:
        row["rate"] = row["compliant"] / row["cases"] if row["cases"] else None
    return out


def compliance_total(rows: list[dict]) -> dict:
    total = {
        k: sum(r[k] for r in rows) for k in ("cases", "compliant", "helped_into_work", "helped_into_work_compliant")
    }
    total["rate"] = total["compliant"] / total["cases"] if total["cases"] else None
    return total
