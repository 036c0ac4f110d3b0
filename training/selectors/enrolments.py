"""Staff reads of enrolments and of whom and what may be enrolled."""

from __future__ import annotations

from django.db.models import QuerySet

from stations.scoping import get_visible_or_404
from training.models import (
    Enrolment,
    TrainingClass,
)
from training.selectors.public import public_class_list


def enrolment_get(*, user, pk) -> Enrolment:
    """One enrolment in scope with its resident and class; 404 when missing or out of scope alike."""
    return get_visible_or_404(Enrolment.objects.select_related("resident", "training_class__course"), user, pk=pk)


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


def class_roster(*, user, training_class: TrainingClass) -> QuerySet[Enrolment]:
    """The enrolments of a class the user may see (their residents only)."""
    return enrolment_list(user=user, filters={"training_class": training_class})


def enrollable_resident_list(*, user) -> QuerySet:
    """Live residents in scope (the API's `resident` for enrolments and needs)."""
    from stations.models import Resident

    return Resident.objects.visible_to(user).active()


def enrollable_class_list(*, user) -> QuerySet[TrainingClass]:
    """Open classes the user may enrol residents in: those held in the
    district(s) of the user's node (a district pays for its own trainees)."""
    from stations.models import Community

    districts = Community.objects.visible_to(user).values("street__district")
    return public_class_list().filter(community__street__district__in=districts)
