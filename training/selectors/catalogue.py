"""Staff reads of the district catalogues, their courses and the providers."""

from __future__ import annotations

from django.db.models import Avg, Count, QuerySet

from stations.scoping import get_visible_or_404
from training.models import (
    Catalogue,
    CatalogueStatus,
    Course,
    Provider,
)


def catalogue_list(*, user) -> QuerySet[Catalogue]:
    return (
        Catalogue.objects.visible_to(user)
        .select_related("district", "published_by")
        .annotate(course_count=Count("courses"))
        .order_by("district__code", "-created_at")
    )


def catalogue_get(*, user, pk) -> Catalogue:
    """One catalogue in scope with its district; 404 when missing or out of scope alike."""
    return get_visible_or_404(Catalogue.objects.select_related("district"), user, pk=pk)


def course_get(*, user, pk) -> Course:
    """One course in scope with its catalogue; 404 when missing or out of scope alike."""
    return get_visible_or_404(Course.objects.select_related("catalogue"), user, pk=pk)


def class_course_choices(*, user) -> QuerySet[Course]:
    """Courses a district bureau may hold classes of: its published catalogues."""
    return Course.objects.filter(
        catalogue__district=user.district_id, catalogue__status=CatalogueStatus.PUBLISHED
    ).select_related("catalogue")


def provider_list(*, user, active_only: bool = False) -> QuerySet[Provider]:
    """Providers with their rating: the mean of trainees' 1-5 scores."""
    qs = Provider.objects.visible_to(user).select_related("district")
    if active_only:
        qs = qs.filter(is_active=True)
    return qs.annotate(
        rating=Avg("classes__enrolments__feedback_score"),
        rating_count=Count("classes__enrolments__feedback_score"),
    )


def provider_get(*, user, pk) -> Provider:
    """One provider in scope; 404 when missing or out of scope alike."""
    return get_visible_or_404(Provider.objects.all(), user, pk=pk)


def provider_choices(*, user) -> QuerySet[Provider]:
    """Active providers in scope."""
    return Provider.objects.visible_to(user).filter(is_active=True)
