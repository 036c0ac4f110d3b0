"""The ledger: cases in the user's scope, one case, its services and
assignments, who may hold it, and the residents and households proposed
for a case (a selector, not a signal)."""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Exists,
    OuterRef,
    Q,
    QuerySet,
)

from assistance import clock
from assistance.models import AssistanceCase, CaseStatus, HouseholdCase, HouseholdCaseStatus
from assistance.schedule import (
    DUE_SOON_KEY,
)
from assistance.selectors.counts import annotate_counts, current_schedule, due_cases
from stations.models import (
    EmploymentStatus,
    Household,
    Resident,
    Role,
    ServiceRecord,
    TargetGroupCode,
    User,
)
from stations.policy import policy_value
from stations.scoping import get_visible_or_404


def case_list(*, user, filters: dict | None = None, today: dt.date | None = None) -> QuerySet[AssistanceCase]:
    """Cases in the user's node, counts annotated, newest first.

    filters: status, assigned_to (pk or "me"), community (pk), due ("week":
    something due in the next seven days), overdue (truthy), q (name).
    """
    filters = filters or {}
    today = today or clock.today()
    qs = AssistanceCase.objects.visible_to(user).select_related("resident__community", "assigned_to")
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    assigned = filters.get("assigned_to")
    if assigned == "me":
        qs = qs.filter(assigned_to=user)
    elif assigned:
        qs = qs.filter(assigned_to_id=assigned)
    if filters.get("community"):
        qs = qs.filter(resident__community_id=filters["community"])
    if filters.get("q"):
        qs = qs.filter(resident__name__icontains=filters["q"])
    schedule = None
    if filters.get("overdue") or filters.get("due"):
        schedule = current_schedule(on=today)
    if filters.get("overdue"):
        qs = due_cases(qs, schedule=schedule, due_after=None, due_by=today - dt.timedelta(days=1))
    elif filters.get("due"):
        days = int(policy_value(DUE_SOON_KEY, on=today))
        qs = due_cases(
            qs, schedule=schedule, due_after=today - dt.timedelta(days=1), due_by=today + dt.timedelta(days=days)
        )
    else:
        qs = annotate_counts(qs)
    return qs.order_by("-opened_on", "-pk")


def case_get(*, user, pk) -> AssistanceCase:
    """One case in scope, counts annotated; 404 when missing or out of scope."""
    qs = annotate_counts(AssistanceCase.objects.select_related("resident__community__street", "assigned_to"))
    return get_visible_or_404(qs, user, pk=pk)


def resident_get(*, user, pk) -> Resident:
    """A resident in scope to open a case for, with their community and
    street; 404 when missing or out of scope alike."""
    return get_visible_or_404(Resident.objects.select_related("community__street"), user, pk=pk)


def resident_choices(*, user) -> QuerySet[Resident]:
    """Residents the user may open a case for (the API's `resident`)."""
    return Resident.objects.visible_to(user)


def case_services(*, case: AssistanceCase) -> QuerySet[ServiceRecord]:
    """The case resident's services from the log while the case was open (from
    the day it opened to the day it closed), newest first; the case page marks
    which ones the 12333 counts. Services after the closing belong to the
    resident's later life, not to this case's record (nor to its print)."""
    services = ServiceRecord.objects.filter(resident_id=case.resident_id, served_on__gte=case.opened_on)
    if case.closed_on:
        services = services.filter(served_on__lte=case.closed_on)
    return services.select_related("staff").order_by("-served_on", "-pk")


def case_assignments(*, case: AssistanceCase):
    return case.assignments.select_related("assigned_to", "assigned_by").order_by("-assigned_on", "-pk")


def assignable_staff(*, community) -> QuerySet[User]:
    """Who may be assigned a case of a resident in `community`: the
    community's active staff and the officers of its street."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(role=Role.COMMUNITY_STAFF, community=community) | Q(role=Role.STREET_OFFICER, street=community.street_id)
        )
        .order_by("role", "first_name", "username")
    )


def assignable_staff_in_scope(*, user) -> QuerySet[User]:
    """Staff who may hold cases inside the user's node (for the ledger filter)."""
    from stations.models import Community

    communities = Community.objects.visible_to(user)
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(role=Role.COMMUNITY_STAFF, community__in=communities)
            | Q(role=Role.STREET_OFFICER, street__in=communities.values("street"))
        )
        .order_by("first_name", "username")
    )


def staff_by_community(*, user) -> dict[int, list[User]]:
    """{community pk: staff who may be assigned its cases}, in two queries."""
    from stations.models import Community

    communities = list(Community.objects.visible_to(user).values_list("pk", "street_id"))
    staff = list(assignable_staff_in_scope(user=user))
    out: dict[int, list[User]] = {}
    for pk, street_id in communities:
        out[pk] = [
            u
            for u in staff
            if (u.role == Role.COMMUNITY_STAFF and u.community_id == pk)
            or (u.role == Role.STREET_OFFICER and u.street_id == street_id)
        ]
    return out


def proposed_residents(*, user) -> QuerySet[Resident]:
    """Residents who should have a case and have none open: registered
    unemployed or flagged hard to employ, record not removed."""
    open_case = AssistanceCase.objects.filter(resident=OuterRef("pk"), status=CaseStatus.OPEN)
    hard = Resident.target_groups.through.objects.filter(
        resident_id=OuterRef("pk"), targetgroup__code=TargetGroupCode.HARD_TO_EMPLOY
    )
    return (
        Resident.objects.visible_to(user)
        .active()
        .filter(Q(employment_status=EmploymentStatus.UNEMPLOYED) | Exists(hard))
        .exclude(Exists(open_case))
        .select_related("community")
        .order_by("community__code", "name", "pk")
    )


def proposed_households(*, user) -> QuerySet[Household]:
    """Zero-employment households (flagged in the registry) without an open case."""
    open_case = HouseholdCase.objects.filter(household=OuterRef("pk"), status=HouseholdCaseStatus.OPEN)
    return (
        Household.objects.visible_to(user)
        .filter(zero_employment_since__isnull=False)
        .exclude(Exists(open_case))
        .select_related("community")
        .order_by("zero_employment_since", "pk")
    )
