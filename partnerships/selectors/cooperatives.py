"""Reads of HR agencies, labour cooperatives, their members, projects and
placements, shared by the staff pages and the API. Every read is scoped with
`visible_to(user)`."""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from stations.models import Resident, TargetGroupCode
from stations.models.residents import IN_WORK_STATUSES
from stations.params import parse_pk
from stations.permissions import user_can
from stations.scoping import get_visible_or_404
from stations.selectors import older_worker_q, search_q

from ..models import CooperativeMember, LabourOrganisation, LabourProject, ProjectPlacement
from ..services.cooperatives.common import LOW_INCOME_GROUPS

PROJECT_STATES = ("upcoming", "running", "finished")
PRIORITY_FILTERS = ("any", "older_worker", "hard_to_employ", "low_income")
SENSITIVE_PRIORITIES = ("hard_to_employ", "low_income")


def labour_organisation_list(*, user, filters: dict | None = None) -> QuerySet[LabourOrganisation]:
    """Organisations in the user's scope with their current members and
    running projects counted. Filters: kind, community (pk), active ("1"/"0"), q (name)."""
    filters = filters or {}
    today = timezone.localdate()
    qs = (
        LabourOrganisation.objects.visible_to(user)
        .select_related("community__street")
        .annotate(
            member_count=Count("members", filter=Q(members__left_on__isnull=True), distinct=True),
            running_projects=Count(
                "projects",
                filter=Q(projects__starts_on__lte=today, projects__ends_on__gte=today),
                distinct=True,
            ),
        )
    )
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if community := parse_pk(filters.get("community")):
        qs = qs.filter(community_id=community)
    if filters.get("active") in ("1", "0"):
        qs = qs.filter(is_active=filters["active"] == "1")
    if filters.get("q"):
        qs = qs.filter(name__icontains=filters["q"])
    return qs.order_by("community__code", "name", "pk")


def labour_organisation_get(*, user, pk) -> LabourOrganisation:
    """One organisation in scope with its community; 404 when missing or out of scope alike."""
    return get_visible_or_404(LabourOrganisation.objects.select_related("community__street"), user, pk=pk)


def labour_organisation_choices(*, user, active_only: bool = False) -> QuerySet[LabourOrganisation]:
    """Organisations in scope to choose from (only the active ones to take a new project)."""
    qs = LabourOrganisation.objects.visible_to(user)
    return qs.filter(is_active=True) if active_only else qs


def cooperative_member_get(*, user, pk) -> CooperativeMember:
    """One membership in scope with its organisation and resident; 404 when missing or out of scope alike."""
    return get_visible_or_404(CooperativeMember.objects.select_related("organisation", "resident"), user, pk=pk)


def cooperative_member_list(*, user, organisation: LabourOrganisation | None = None) -> QuerySet[CooperativeMember]:
    """Members in scope, current ones first."""
    qs = CooperativeMember.objects.visible_to(user).select_related("resident", "organisation")
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return qs.order_by(Case(When(left_on__isnull=True, then=0), default=1), "-joined_on", "pk")


def labour_project_list(*, user, filters: dict | None = None) -> QuerySet[LabourProject]:
    """Projects in scope with the residents working on them counted.
    Filters: kind, organisation (pk), community (pk), state (upcoming/running/finished), q (title or client)."""
    filters = filters or {}
    today = timezone.localdate()
    qs = (
        LabourProject.objects.visible_to(user)
        .select_related("organisation__community")
        .annotate(working=Count("placements", filter=Q(placements__ended_on__isnull=True)))
    )
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if organisation := parse_pk(filters.get("organisation")):
        qs = qs.filter(organisation_id=organisation)
    if community := parse_pk(filters.get("community")):
        qs = qs.filter(organisation__community_id=community)
    state = filters.get("state")
    if state == "running":
        qs = qs.filter(starts_on__lte=today, ends_on__gte=today)
    elif state == "finished":
        qs = qs.filter(ends_on__lt=today)
    elif state == "upcoming":
        qs = qs.filter(starts_on__gt=today)
    if filters.get("q"):
        qs = qs.filter(Q(title__icontains=filters["q"]) | Q(client__icontains=filters["q"]))
    return qs.order_by("-starts_on", "pk")


def labour_project_get(*, user, pk) -> LabourProject:
    """One project in scope with its organisation; 404 when missing or out of scope alike."""
    return get_visible_or_404(LabourProject.objects.select_related("organisation__community"), user, pk=pk)


def labour_project_choices(*, user) -> QuerySet[LabourProject]:
    """Projects in scope to choose from."""
    return LabourProject.objects.visible_to(user)


def project_placement_get(*, user, pk) -> ProjectPlacement:
    """One placement in scope with its project and resident; 404 when missing or out of scope alike."""
    return get_visible_or_404(ProjectPlacement.objects.select_related("project", "resident"), user, pk=pk)


def project_placement_list(*, user, filters: dict | None = None) -> QuerySet[ProjectPlacement]:
    """Placements in scope. Filters: project, organisation, community (pks),
    open ("1" working now / "0" ended), priority (any, older_worker,
    hard_to_employ, low_income: from the snapshot; the hardship groups only
    for staff who may see them), started_from, started_to, resident (pk)."""
    filters = filters or {}
    qs = ProjectPlacement.objects.visible_to(user).select_related(
        "resident", "project__organisation__community", "recorded_by"
    )
    for key, lookup in (
        ("project", "project_id"),
        ("organisation", "project__organisation_id"),
        ("community", "project__organisation__community_id"),
        ("resident", "resident_id"),
    ):
        if pk := parse_pk(filters.get(key)):
            qs = qs.filter(**{lookup: pk})
    if filters.get("open") in ("1", "0"):
        qs = qs.filter(ended_on__isnull=filters["open"] == "1")
    priority = filters.get("priority")
    if priority in SENSITIVE_PRIORITIES and not user_can(user, "stations.manage_resident"):
        # Filtering by a hardship group would tell who is in it to staff who
        # are only shown that a person has priority, not why.
        priority = None
    if priority == "any":
        qs = qs.filter(Q(is_older_worker=True) | Q(is_hard_to_employ=True) | Q(is_low_income=True))
    elif priority in ("older_worker", "hard_to_employ", "low_income"):
        qs = qs.filter(**{f"is_{priority}": True})
    for key, lookup in (("started_from", "started_on__gte"), ("started_to", "started_on__lte")):
        day = filters.get(key)
        if isinstance(day, str):
            try:
                day = dt.date.fromisoformat(day)
            except ValueError:
                day = None
        if day:
            qs = qs.filter(**{lookup: day})
    return qs


def _group_exists(*codes) -> Exists:
    return Exists(Resident.target_groups.through.objects.filter(resident=OuterRef("pk"), targetgroup__code__in=codes))


def project_candidates(*, user, project: LabourProject, find: str = "", limit: int = 50) -> list[Resident]:
    """Who could be placed on `project`, best first: the organisation's current
    members, then residents of its community who are not in work; within each,
    the plan's priority groups (older workers, hard-to-employ, low-income)
    first. With `find` (a name, an ID number or phone, or their last four
    digits) any resident of the user's area matches instead. Residents already
    working on the project are left out. Each carries `is_member`,
    `older_worker`, `hard_to_employ`, `low_income` and `is_priority`."""
    today = timezone.localdate()
    member = Exists(
        CooperativeMember.objects.filter(
            organisation_id=project.organisation_id, resident=OuterRef("pk"), left_on__isnull=True
        )
    )
    working_here = Exists(
        ProjectPlacement.objects.filter(project=project, resident=OuterRef("pk"), ended_on__isnull=True)
    )
    qs = (
        Resident.objects.visible_to(user)
        .active()
        .select_related("community")
        .annotate(
            is_member=member,
            older_worker=ExpressionWrapper(older_worker_q(today), output_field=BooleanField()),
            hard_to_employ=_group_exists(TargetGroupCode.HARD_TO_EMPLOY),
            low_income=_group_exists(*LOW_INCOME_GROUPS),
        )
        .annotate(
            is_priority=Case(
                When(Q(older_worker=True) | Q(hard_to_employ=True) | Q(low_income=True), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .exclude(working_here)
    )
    if find.strip():
        qs = qs.filter(search_q(find))
    else:
        qs = qs.filter(
            Q(is_member=True)
            | (Q(community_id=project.organisation.community_id) & ~Q(employment_status__in=IN_WORK_STATUSES))
        )
    return list(qs.order_by("-is_member", "-is_priority", "name", "pk")[:limit])


def resident_project_placements(*, user, resident: Resident) -> QuerySet[ProjectPlacement]:
    return project_placement_list(user=user, filters={"resident": resident.pk}).order_by("-started_on", "-pk")


def resident_memberships(*, user, resident: Resident) -> QuerySet[CooperativeMember]:
    return CooperativeMember.objects.visible_to(user).filter(resident=resident).select_related("organisation")
