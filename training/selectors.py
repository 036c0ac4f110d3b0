"""Reads of training shared by pages, the API, exports and reports.

Staff reads start from `Model.objects.visible_to(user)`. The published
catalogue and the classes open to the public are public information and have
their own `public_*` selectors that show nothing else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stations.models import IN_WORK_STATUSES, EmploymentStatusChange
from stations.scoping import get_visible_or_404
from training.models import (
    PUBLIC_CLASS_STATUSES,
    SEAT_HOLDING,
    Catalogue,
    CatalogueStatus,
    ClassStatus,
    Course,
    Enrolment,
    EnrolmentStatus,
    JoinRequest,
    JoinRequestStatus,
    Provider,
    TrainingClass,
    TrainingNeed,
)


def _seats_taken():
    """Seats held in a class, as a subquery (one SQL statement for any list)."""
    return Coalesce(
        Subquery(
            Enrolment.objects.filter(training_class=OuterRef("pk"), status__in=SEAT_HOLDING)
            .order_by()
            .values("training_class")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def with_seats(qs: QuerySet[TrainingClass]) -> QuerySet[TrainingClass]:
    return qs.annotate(seats_taken=_seats_taken()).annotate(seats_left=F("capacity") - F("seats_taken"))


# --- public ----------------------------------------------------------------------------
def public_course_list(*, filters: dict | None = None) -> QuerySet[Course]:
    """Courses of the published catalogues, with how many classes are open now.
    Filters: district (pk), audience, programme, schedule_type (courses with an
    open class of that schedule), q (course, trade or content)."""
    filters = filters or {}
    qs = Course.objects.filter(catalogue__status=CatalogueStatus.PUBLISHED)
    if filters.get("district"):
        qs = qs.filter(catalogue__district=filters["district"])
    if filters.get("audience"):
        qs = qs.filter(audience=filters["audience"])
    if filters.get("programme"):
        qs = qs.filter(programme=filters["programme"])
    if filters.get("schedule_type"):
        qs = qs.filter(
            Exists(
                TrainingClass.objects.filter(
                    course=OuterRef("pk"), status=ClassStatus.OPEN, schedule_type=filters["schedule_type"]
                )
            )
        )
    if filters.get("q"):
        text = filters["q"]
        qs = qs.filter(Q(name__icontains=text) | Q(occupation__icontains=text) | Q(content__icontains=text))
    open_classes = TrainingClass.objects.filter(course=OuterRef("pk"), status=ClassStatus.OPEN)
    return (
        qs.select_related("catalogue__district")
        .annotate(
            open_classes=Coalesce(
                Subquery(
                    open_classes.order_by().values("course").annotate(n=Count("pk")).values("n"),
                    output_field=IntegerField(),
                ),
                Value(0),
            )
        )
        .order_by("catalogue__district__code", "position", "pk")
    )


def public_class_list(*, filters: dict | None = None) -> QuerySet[TrainingClass]:
    """Classes residents may ask to join: open for enrolment, with seats left
    annotated. Same filters as the catalogue, plus community."""
    filters = filters or {}
    qs = TrainingClass.objects.filter(
        status=ClassStatus.OPEN, course__catalogue__status__in=["published", "superseded"]
    )
    if filters.get("district"):
        qs = qs.filter(community__street__district=filters["district"])
    if filters.get("community"):
        qs = qs.filter(community=filters["community"])
    for name in ("audience", "programme"):
        if filters.get(name):
            qs = qs.filter(**{f"course__{name}": filters[name]})
    if filters.get("schedule_type"):
        qs = qs.filter(schedule_type=filters["schedule_type"])
    if filters.get("course"):
        qs = qs.filter(course=filters["course"])
    if filters.get("q"):
        text = filters["q"]
        qs = qs.filter(
            Q(title__icontains=text) | Q(course__name__icontains=text) | Q(course__occupation__icontains=text)
        )
    return with_seats(qs.select_related("course", "provider", "community__street__district", "site")).order_by(
        "start_date", "pk"
    )


def public_class_get(*, pk) -> TrainingClass:
    """One class as the public sees it (open or running), or 404."""
    try:
        return with_seats(
            TrainingClass.objects.filter(status__in=PUBLIC_CLASS_STATUSES).select_related(
                "course__catalogue__district", "provider", "community__street__district", "site"
            )
        ).get(pk=pk)
    except (TrainingClass.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# --- staff: catalogue, providers, classes -------------------------------------------------
def catalogue_list(*, user) -> QuerySet[Catalogue]:
    return (
        Catalogue.objects.visible_to(user)
        .select_related("district", "published_by")
        .annotate(course_count=Count("courses"))
        .order_by("district__code", "-created_at")
    )


def provider_list(*, user, active_only: bool = False) -> QuerySet[Provider]:
    """Providers with their rating: the mean of trainees' 1-5 scores."""
    qs = Provider.objects.visible_to(user).select_related("district")
    if active_only:
        qs = qs.filter(is_active=True)
    return qs.annotate(
        rating=Avg("classes__enrolments__feedback_score"),
        rating_count=Count("classes__enrolments__feedback_score"),
    )


def class_list(*, user, filters: dict | None = None) -> QuerySet[TrainingClass]:
    filters = filters or {}
    qs = TrainingClass.objects.visible_to(user)
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("schedule_type"):
        qs = qs.filter(schedule_type=filters["schedule_type"])
    if filters.get("q"):
        text = filters["q"]
        qs = qs.filter(
            Q(title__icontains=text) | Q(course__name__icontains=text) | Q(course__occupation__icontains=text)
        )
    return with_seats(qs.select_related("course", "provider", "community")).order_by("-start_date", "pk")


def catalogue_get(*, user, pk) -> Catalogue:
    """One catalogue in scope with its district; 404 when missing or out of scope alike."""
    return get_visible_or_404(Catalogue.objects.select_related("district"), user, pk=pk)


def course_get(*, user, pk) -> Course:
    """One course in scope with its catalogue; 404 when missing or out of scope alike."""
    return get_visible_or_404(Course.objects.select_related("catalogue"), user, pk=pk)


def provider_get(*, user, pk) -> Provider:
    """One provider in scope; 404 when missing or out of scope alike."""
    return get_visible_or_404(Provider.objects.all(), user, pk=pk)


def enrolment_get(*, user, pk) -> Enrolment:
    """One enrolment in scope with its resident and class; 404 when missing or out of scope alike."""
    return get_visible_or_404(Enrolment.objects.select_related("resident", "training_class__course"), user, pk=pk)


def join_request_get(*, user, pk) -> JoinRequest:
    """One request to join in scope; 404 when missing or out of scope alike."""
    return get_visible_or_404(JoinRequest.objects.select_related("training_class", "community"), user, pk=pk)


def published_trades() -> list[str]:
    """The trades (occupations) of the published catalogues' courses, sorted:
    public facts, the same for everyone."""
    return sorted(
        set(Course.objects.filter(catalogue__status=CatalogueStatus.PUBLISHED).values_list("occupation", flat=True))
    )


def enrollable_resident_list(*, user) -> QuerySet:
    """Live residents in scope (the API's `resident` for enrolments and needs)."""
    from stations.models import Resident

    return Resident.objects.visible_to(user).active()


# Choices of the staff forms, each in the user's scope.
def community_choices(*, user):
    """Communities in scope (a provider's served communities, a class's place)."""
    from stations.models import Community

    return Community.objects.visible_to(user).select_related("street")


def class_course_choices(*, user) -> QuerySet[Course]:
    """Courses a district bureau may hold classes of: its published catalogues."""
    return Course.objects.filter(
        catalogue__district=user.district_id, catalogue__status=CatalogueStatus.PUBLISHED
    ).select_related("catalogue")


def provider_choices(*, user) -> QuerySet[Provider]:
    """Active providers in scope."""
    return Provider.objects.visible_to(user).filter(is_active=True)


def site_choices(*, user):
    """Active related sites in scope (a class held at a micro-factory, a school)."""
    from stations.models import RelatedSite

    return RelatedSite.objects.visible_to(user).filter(is_active=True)


def public_community_list(*, district_id):
    """A district's communities for the public "ask to join" form: public facts."""
    from stations.models import Community

    return Community.objects.filter(street__district=district_id).order_by("code")


def public_district_list():
    """The city's districts for the public filters: public facts."""
    from stations.models import District

    return District.objects.all()


def training_class_get(*, user, pk) -> TrainingClass:
    """One class in the user's scope, with its course, provider, place and
    seats taken; 404 when missing or out of scope alike."""
    qs = with_seats(TrainingClass.objects.select_related("course__catalogue", "provider", "community", "site"))
    return get_visible_or_404(qs, user, pk=pk)


def training_class_find(*, user, pk) -> TrainingClass | None:
    """The class for an optional filter (`?for_class=`): None when missing or
    out of scope alike, so the page answers the same for both."""
    try:
        return training_class_get(user=user, pk=pk)
    except Http404:
        return None


def enrollable_class_list(*, user) -> QuerySet[TrainingClass]:
    """Open classes the user may enrol residents in: those held in the
    district(s) of the user's node (a district pays for its own trainees)."""
    from stations.models import Community

    districts = Community.objects.visible_to(user).values("street__district")
    return public_class_list().filter(community__street__district__in=districts)


def enrolment_list(*, user, filters: dict | None = None) -> QuerySet[Enrolment]:
    filters = filters or {}
    qs = Enrolment.objects.visible_to(user)
    if filters.get("training_class"):
        qs = qs.filter(training_class=filters["training_class"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("resident"):
        qs = qs.filter(resident=filters["resident"])
    return qs.select_related("resident__community", "training_class__course").order_by(
        "-training_class__start_date", "resident__name", "pk"
    )


def join_request_list(*, user, status: str | None = JoinRequestStatus.NEW) -> QuerySet[JoinRequest]:
    qs = JoinRequest.objects.visible_to(user)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("training_class", "community").order_by("-created_at")


# --- needs --------------------------------------------------------------------------------
def need_course_list(*, user) -> QuerySet[Course]:
    """Courses a wanted training may name: the published catalogues of the
    district(s) of the user's node."""
    from stations.models import Community

    return Course.objects.filter(
        catalogue__status=CatalogueStatus.PUBLISHED,
        catalogue__district__in=Community.objects.visible_to(user).values("street__district"),
    )


def need_list(*, user, filters: dict | None = None) -> QuerySet[TrainingNeed]:
    """The needs list in scope. `for_class` keeps the needs a class answers:
    its trade or course, residents of its district, no seat in it yet."""
    filters = filters or {}
    qs = TrainingNeed.objects.visible_to(user).filter(resident__removed_at__isnull=True)
    if filters.get("for_class"):
        from training.services.classes import prospect_needs

        qs = qs.filter(pk__in=prospect_needs(filters["for_class"]).values("pk"))
    if filters.get("occupation"):
        qs = qs.filter(occupation=filters["occupation"])
    if filters.get("round_date"):
        qs = qs.filter(round_date=filters["round_date"])
    if filters.get("community"):
        qs = qs.filter(resident__community=filters["community"])
    return qs.select_related("resident__community", "course").order_by("-round_date", "resident__name", "pk")


@dataclass
class DemandRow:
    group_id: int
    group: str
    district_id: int
    occupation: str
    residents: int
    classes: int = 0
    seats_left: int = 0

    @property
    def gap(self) -> int:
        """Residents still without a seat on offer (0 when supply covers demand)."""
        return max(self.residents - self.seats_left, 0)


def need_demand_summary(
    *, user, by: str = "community", round_from: dt.date | None = None, round_to: dt.date | None = None
) -> list[DemandRow]:
    """Demand (residents who asked for a trade) against supply (classes open or
    running for that trade in the same district, and their free seats), by
    community or by district. Three queries whatever the size."""
    needs = TrainingNeed.objects.visible_to(user).filter(resident__removed_at__isnull=True)
    if round_from:
        needs = needs.filter(round_date__gte=round_from)
    if round_to:
        needs = needs.filter(round_date__lte=round_to)
    district_path = "resident__community__street__district"
    group_path = "resident__community" if by == "community" else district_path
    demand = (
        needs.order_by()
        .values(group_path, f"{group_path}__name", district_path, "occupation")
        .annotate(residents=Count("resident", distinct=True))
    )
    rows = [
        DemandRow(
            group_id=d[group_path],
            group=d[f"{group_path}__name"],
            district_id=d[district_path],
            occupation=d["occupation"],
            residents=d["residents"],
        )
        for d in demand
    ]
    if not rows:
        return rows
    supply_qs = with_seats(
        TrainingClass.objects.filter(
            status__in=PUBLIC_CLASS_STATUSES, community__street__district__in={r.district_id for r in rows}
        )
    )
    supply: dict[tuple[int, str], list[int]] = {}
    for cls in supply_qs.values("community__street__district", "course__occupation", "seats_left"):
        key = (cls["community__street__district"], cls["course__occupation"])
        entry = supply.setdefault(key, [0, 0])
        entry[0] += 1
        entry[1] += max(cls["seats_left"], 0)
    for row in rows:
        row.classes, row.seats_left = supply.get((row.district_id, row.occupation), (0, 0))
    rows.sort(key=lambda r: (r.group, -r.residents, r.occupation))
    return rows


# --- post-training employment ----------------------------------------------------------------
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


# --- the wish → class → job loop ---------------------------------------------------------------
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


def class_overview_counts(*, user) -> dict:
    """Headline figures for the staff training home."""
    classes = TrainingClass.objects.visible_to(user)
    enrolments = Enrolment.objects.visible_to(user)
    return {
        "open_classes": classes.filter(status=ClassStatus.OPEN).count(),
        "running_classes": classes.filter(status=ClassStatus.RUNNING).count(),
        **enrolments.aggregate(
            enrolled=Count("pk", filter=Q(status=EnrolmentStatus.ENROLLED)),
            completed=Count("pk", filter=Q(status=EnrolmentStatus.COMPLETED)),
        ),
        "needs": TrainingNeed.objects.visible_to(user).count(),
        "join_requests": JoinRequest.objects.visible_to(user).filter(status=JoinRequestStatus.NEW).count(),
    }


def class_roster(*, user, training_class: TrainingClass) -> QuerySet[Enrolment]:
    """The enrolments of a class the user may see (their residents only)."""
    return enrolment_list(user=user, filters={"training_class": training_class})
