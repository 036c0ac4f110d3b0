"""Zero-employment household cases: their list, one case, its members and
services, and the placement deadline."""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    DateField,
    Min,
    OuterRef,
    QuerySet,
    Subquery,
)

from assistance import clock
from assistance.models import HouseholdCase
from assistance.schedule import (
    HOUSEHOLD_PLACEMENT_KEY,
    household_progress,
)
from stations.models import (
    IN_WORK_STATUSES,
    EmploymentStatusChange,
    Household,
    Resident,
    ServiceRecord,
)
from stations.policy import policy_value
from stations.scoping import get_visible_or_404


def household_get(*, user, pk) -> Household:
    """A household in scope to open a household case for; 404 when missing or
    out of scope alike."""
    return get_visible_or_404(Household.objects.select_related("community"), user, pk=pk)


def annotate_household(qs: QuerySet[HouseholdCase]) -> QuerySet[HouseholdCase]:
    """Add `work_started_on`: the first move of a member into work on or after
    the household was identified, from the employment history. One subquery
    in one query for any number of cases."""
    first_work = (
        EmploymentStatusChange.objects.filter(
            resident__household=OuterRef("household"),
            status__in=IN_WORK_STATUSES,
            changed_on__gte=OuterRef("flagged_on"),
        )
        .order_by()
        .values("resident__household")
        .annotate(first=Min("changed_on"))
        .values("first")
    )
    return qs.annotate(work_started_on=Subquery(first_work[:1], output_field=DateField()))


def household_deadline_days(*, on: dt.date | None = None) -> int:
    """Days from identifying a zero-employment household to a member in work."""
    return int(policy_value(HOUSEHOLD_PLACEMENT_KEY, on=on or clock.today()))


def household_progress_of(case, *, today: dt.date | None = None, deadline_days: int | None = None):
    today = today or clock.today()
    return household_progress(
        flagged_on=case.flagged_on,
        work_started_on=case.work_started_on,
        today=today,
        deadline_days=deadline_days if deadline_days is not None else household_deadline_days(on=today),
    )


def household_case_list(*, user, filters: dict | None = None) -> QuerySet[HouseholdCase]:
    filters = filters or {}
    qs = HouseholdCase.objects.visible_to(user).select_related("household__community", "assigned_to")
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("assigned_to") == "me":
        qs = qs.filter(assigned_to=user)
    return annotate_household(qs)


def household_case_get(*, user, pk) -> HouseholdCase:
    qs = annotate_household(HouseholdCase.objects.select_related("household__community__street", "assigned_to"))
    return get_visible_or_404(qs, user, pk=pk)


def household_members(*, case: HouseholdCase) -> QuerySet[Resident]:
    return Resident.objects.filter(household_id=case.household_id).active().order_by("name", "pk")


def household_services(*, case: HouseholdCase) -> QuerySet[ServiceRecord]:
    return (
        ServiceRecord.objects.filter(resident__household_id=case.household_id, served_on__gte=case.flagged_on)
        .select_related("staff", "resident")
        .order_by("-served_on", "-pk")
    )
