"""Public reads of training: the published catalogue and the classes open to
the public are public information, the same for everyone, and show nothing else.
"""

from __future__ import annotations

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from training.models import (
    PUBLIC_CLASS_STATUSES,
    CatalogueStatus,
    ClassStatus,
    Course,
    TrainingClass,
)
from training.selectors.classes import with_seats


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


def published_trades() -> list[str]:
    """The trades (occupations) of the published catalogues' courses, sorted:
    public facts, the same for everyone."""
    return sorted(
        set(Course.objects.filter(catalogue__status=CatalogueStatus.PUBLISHED).values_list("occupation", flat=True))
    )


def public_community_list(*, district_id):
    """A district's communities for the public "ask to join" form: public facts."""
    from stations.models import Community

    return Community.objects.filter(street__district=district_id).order_by("code")


def public_district_list():
    """The city's districts for the public filters: public facts."""
    from stations.models import District

    return District.objects.all()
