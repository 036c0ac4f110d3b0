"""Reads shared by the staff pages, the API and the award register."""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    When,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from stations.models import Community, District, Resident, Role
from stations.scoping import get_visible_or_404

from .models import (
    BUSINESS_KINDS,
    PER_PERSON_KINDS,
    ApplicationEvent,
    ApplicationStatus,
    Business,
    CatalogueState,
    CatalogueStep,
    GuaranteeLoan,
    IncubationSpace,
    SpaceOccupancy,
    StartupEvent,
    StartupProject,
    StartupStar,
    SubsidyApplication,
)

# What each reviewing role acts on next.
QUEUE_STATUSES = {
    Role.COMMUNITY_STAFF: (ApplicationStatus.DRAFT,),
    Role.STREET_OFFICER: (ApplicationStatus.SUBMITTED,),
    Role.DISTRICT_BUREAU: (ApplicationStatus.STREET_CHECKED, ApplicationStatus.APPROVED),
    Role.CITY_BUREAU: (),
}


def business_list(*, user, filters: dict | None = None) -> QuerySet[Business]:
    filters = filters or {}
    qs = Business.objects.visible_to(user).select_related("community").prefetch_related("founders")
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("q"):
        qs = qs.filter(name__icontains=filters["q"])
    return qs


def business_get(*, user, pk) -> Business:
    """One business in the user's scope with its founders; 404 when missing or out of scope."""
    return get_visible_or_404(Business.objects.prefetch_related("founders"), user, pk=pk)


# --- choices for the forms and the API (what a field may name) --------------------


def community_choices(*, user) -> QuerySet[Community]:
    return Community.objects.visible_to(user)


def district_choices(*, user) -> QuerySet[District]:
    return District.objects.visible_to(user)


def resident_choices(*, user) -> QuerySet[Resident]:
    """Every resident in scope: the API names archived ones too (an old loan);
    the forms narrow this to active ones."""
    return Resident.objects.visible_to(user)


def business_choices(*, user) -> QuerySet[Business]:
    return Business.objects.visible_to(user)


def application_list(*, user, filters: dict | None = None) -> QuerySet[SubsidyApplication]:
    filters = filters or {}
    qs = SubsidyApplication.objects.visible_to(user).select_related(
        "resident", "business", "community__street__district"
    )
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    return qs


def application_list_with_events(*, user) -> QuerySet[SubsidyApplication]:
    """The API's list: each application with its event log and who took each step."""
    events = Prefetch("events", queryset=ApplicationEvent.objects.select_related("actor"))
    return application_list(user=user).prefetch_related(events)


def application_get(*, user, pk) -> SubsidyApplication:
    """One application in the user's scope, with its resident, business and
    community; 404 when missing or out of scope."""
    qs = SubsidyApplication.objects.select_related("resident", "business", "community__street__district")
    return get_visible_or_404(qs, user, pk=pk)


def review_queue(*, user) -> QuerySet[SubsidyApplication]:
    """Applications waiting for this user's role, oldest first (ageing shown by the page)."""
    statuses = QUEUE_STATUSES.get(user.role, ())
    return application_list(user=user).filter(status__in=statuses).order_by("status_changed_at")


def waiting_days(application: SubsidyApplication, *, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    return (today - timezone.localtime(application.status_changed_at).date()).days


def award_register(*, user, date_from=None, date_to=None) -> QuerySet[SubsidyApplication]:
    """Approved and paid applications in scope: the register of awards."""
    qs = application_list(user=user).filter(status__in=(ApplicationStatus.APPROVED, ApplicationStatus.PAID))
    if date_from:
        qs = qs.filter(status_changed_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(status_changed_at__date__lte=date_to)
    return qs.order_by("community__code", "status_changed_at")


def award_totals(*, user) -> dict:
    return application_list(user=user).aggregate(
        applied=Count("pk", filter=~_q_status(ApplicationStatus.DRAFT)),
        approved=Count("pk", filter=_q_status(ApplicationStatus.APPROVED, ApplicationStatus.PAID)),
        approved_yuan=Sum("approved_amount", filter=_q_status(ApplicationStatus.APPROVED, ApplicationStatus.PAID)),
        paid=Count("pk", filter=_q_status(ApplicationStatus.PAID)),
        paid_yuan=Sum("approved_amount", filter=_q_status(ApplicationStatus.PAID)),
    )


def _q_status(*statuses):
    return Q(status__in=statuses)


def _earlier_payments(same: str):
    """Payments of the same kind to the same person or business (`same`),
    made before the outer one (by payment date, then number), anywhere."""
    return (
        SubsidyApplication.objects.filter(
            status=ApplicationStatus.PAID, kind=OuterRef("kind"), **{same: OuterRef(same)}
        )
        .filter(Q(paid_on__lt=OuterRef("paid_on")) | Q(paid_on=OuterRef("paid_on"), pk__lt=OuterRef("pk")))
        .order_by("paid_on", "pk")
    )


def once_rule_breaches(*, user) -> QuerySet[SubsidyApplication]:
    """Payments that broke the once-only rule, for recovery: paid applications
    with an earlier payment of the same kind to the same person (once-per-person
    kinds) or business (once-per-business kinds). Scoped by the later payment's
    community; the earlier one, annotated as `earlier_pk`, may be anywhere (a
    person may have moved). Read-only: nothing is changed here or elsewhere."""
    # The same person by ID number: two records of one person (waiting for a
    # merge) paid once each is a breach too.
    by_person, by_business = _earlier_payments("resident__id_number"), _earlier_payments("business")
    person_breach = Q(kind__in=sorted(PER_PERSON_KINDS)) & Exists(by_person)
    business_breach = Q(kind__in=sorted(BUSINESS_KINDS), business__isnull=False) & Exists(by_business)
    return (
        application_list(user=user)
        .filter(status=ApplicationStatus.PAID)
        .filter(person_breach | business_breach)
        .annotate(
            earlier_pk=Case(
                When(person_breach, then=Subquery(by_person.values("pk")[:1])),
                default=Subquery(by_business.values("pk")[:1]),
                output_field=IntegerField(),
            )
        )
        .order_by("community__code", "paid_on", "pk")
    )


def earlier_payments_of(breaches) -> dict[int, SubsidyApplication]:
    """The earlier payments the breach rows point at, by number, in one query.
    They may lie outside the reader's scope: callers show only what recovery
    needs (number, district, business, date, amount), never a link."""
    pks = {b.earlier_pk for b in breaches if b.earlier_pk}
    return {
        a.pk: a
        for a in SubsidyApplication.objects.filter(pk__in=pks).select_related("business", "community__street__district")
    }


def once_rule_breach_rows(breaches) -> list[tuple]:
    """Each breach with the earlier payment it repeats (one extra query)."""
    breaches = list(breaches)
    earlier = earlier_payments_of(breaches)
    return [(b, earlier.get(b.earlier_pk)) for b in breaches]


def loan_list(*, user) -> QuerySet[GuaranteeLoan]:
    return GuaranteeLoan.objects.visible_to(user).select_related("resident", "business", "community")


def space_get(*, user, pk) -> IncubationSpace:
    return get_visible_or_404(IncubationSpace.objects.all(), user, pk=pk)


def space_list(*, user) -> QuerySet[IncubationSpace]:
    """Spaces with their latest occupancy figures annotated (one query)."""
    latest = SpaceOccupancy.objects.filter(space=OuterRef("pk")).order_by("-recorded_on")
    return (
        IncubationSpace.objects.visible_to(user)
        .select_related("community")
        .annotate(
            occupied_units=Subquery(latest.values("occupied_units")[:1]),
            priority_units=Subquery(latest.values("priority_group_units")[:1]),
            occupancy_on=Subquery(latest.values("recorded_on")[:1]),
        )
    )


def public_projects() -> QuerySet[StartupProject]:
    return StartupProject.objects.published().select_related("district")


def public_project_get(*, pk) -> StartupProject:
    return get_object_or_404(public_projects(), pk=pk)


def public_stars() -> QuerySet[StartupStar]:
    """Published stars, each person once: a star honoured in several years or
    by several districts is shown by the latest honour (the same name and
    business is the same person)."""
    published = StartupStar.objects.published()
    later = published.filter(name=OuterRef("name"), business_name=OuterRef("business_name")).filter(
        Q(year__gt=OuterRef("year")) | Q(year=OuterRef("year"), pk__gt=OuterRef("pk"))
    )
    return published.exclude(Exists(later)).select_related("district")


def public_star_get(*, pk) -> StartupStar:
    return get_object_or_404(public_stars(), pk=pk)


def public_event_get(*, pk) -> StartupEvent:
    return get_object_or_404(public_events(), pk=pk)


def public_events(*, upcoming_only: bool = False) -> QuerySet[StartupEvent]:
    qs = StartupEvent.objects.published().select_related("district")
    if upcoming_only:
        qs = qs.filter(starts_at__gte=timezone.now()).order_by("starts_at")
    return qs


# --- the catalogue as staff keep it ----------------------------------------------

CATALOGUE_MODELS: dict[str, type[StartupProject] | type[StartupStar] | type[StartupEvent]] = {
    "projects": StartupProject,
    "stars": StartupStar,
    "events": StartupEvent,
}


def catalogue_list(*, user, kind: str, state: str = "") -> QuerySet:
    """One kind of catalogue item in the user's scope, waiting ones first."""
    model = CATALOGUE_MODELS[kind]
    qs = model.objects.visible_to(user).select_related("district", "community")
    if state:
        qs = qs.filter(state=state)
    waiting_first = Case(When(state=CatalogueState.PROPOSED, then=0), default=1, output_field=IntegerField())
    return qs.order_by(waiting_first, "-state_changed_at", "-pk")


def catalogue_item_get(*, user, kind: str, pk) -> StartupProject | StartupStar | StartupEvent:
    return get_visible_or_404(CATALOGUE_MODELS[kind].objects.select_related("district", "community"), user, pk=pk)


def catalogue_waiting(*, user) -> dict[str, int]:
    """Proposals waiting for the user's bureau, by kind (kinds with none left out)."""
    counts = {
        kind: model.objects.visible_to(user).filter(state=CatalogueState.PROPOSED).count()
        for kind, model in CATALOGUE_MODELS.items()
    }
    return {kind: n for kind, n in counts.items() if n}


def catalogue_steps(*, item) -> QuerySet[CatalogueStep]:
    return item.catalogue_steps.select_related("actor")
