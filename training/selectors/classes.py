"""Staff reads of classes, with the seats taken and left."""

from __future__ import annotations

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from stations.scoping import get_visible_or_404
from training.models import (
    SEAT_HOLDING,
    ClassStatus,
    Enrolment,
    EnrolmentStatus,
    JoinRequest,
    JoinRequestStatus,
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


# Choices of the staff forms, each in the user's scope.
def community_choices(*, user):
    """Communities in scope (a provider's served communities, a class's place)."""
    from stations.models import Community

    return Community.objects.visible_to(user).select_related("street")


def site_choices(*, user):
    """Active related sites in scope (a class held at a micro-factory, a school)."""
    from stations.models import RelatedSite

    return RelatedSite.objects.visible_to(user).filter(is_active=True)


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
