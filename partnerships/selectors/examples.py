"""Reads of typical examples shared by the staff pages, the public pages and the API."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from stations.models import District
from stations.params import parse_pk
from stations.scoping import get_visible_or_404

from ..models import ExamplePhoto, ExampleStatus, TypicalExample


def example_list(*, user, filters: dict | None = None) -> QuerySet[TypicalExample]:
    """Examples whose community lies in the user's area, newest first.

    Filters: status, kind, community (pk), q (title or published name), and
    queue=True for the ones waiting for the city bureau, oldest first.
    """
    filters = filters or {}
    qs = (
        TypicalExample.objects.visible_to(user)
        .select_related("community__street__district", "created_by")
        .annotate(photo_count=Count("photos"))
    )
    if filters.get("queue"):
        return qs.filter(status=ExampleStatus.SUBMITTED).order_by("updated_at", "pk")
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if community := parse_pk(filters.get("community")):
        qs = qs.filter(community_id=community)
    if filters.get("q"):
        from django.db.models import Q

        qs = qs.filter(Q(title__icontains=filters["q"]) | Q(person_name__icontains=filters["q"]))
    return qs.order_by("-created_at", "-pk")


def example_get(*, user, pk) -> TypicalExample:
    """One example in the user's area with its photos; 404 for missing and out of scope alike."""
    return get_visible_or_404(
        TypicalExample.objects.select_related(
            "community__street__district", "created_by", "reviewed_by"
        ).prefetch_related("photos"),
        user,
        pk=pk,
    )


def public_examples(*, filters: dict | None = None) -> QuerySet[TypicalExample]:
    """Published examples for the public site, newest first, with their photos."""
    filters = filters or {}
    qs = (
        TypicalExample.objects.filter(status=ExampleStatus.PUBLISHED)
        .select_related("community__street__district")
        .prefetch_related(Prefetch("photos", queryset=ExamplePhoto.objects.order_by("position", "pk")))
    )
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if district := parse_pk(filters.get("district")):
        qs = qs.filter(community__street__district_id=district)
    return qs.order_by("-published_at", "-pk")


def public_photos() -> QuerySet[ExamplePhoto]:
    """Photos that may be served to anyone: those of published examples."""
    return ExamplePhoto.objects.filter(example__status=ExampleStatus.PUBLISHED)


def example_photo_get(*, user, pk) -> ExamplePhoto:
    """One photo of an example in the user's area; 404 for missing and out of scope alike."""
    return get_visible_or_404(ExamplePhoto.objects.select_related("example"), user, pk=pk)


def public_example_get(*, pk) -> TypicalExample:
    """One published example with its photos; 404 for any other."""
    return get_object_or_404(public_examples(), pk=pk)


def public_photo_get(*, pk) -> ExamplePhoto:
    """One photo of a published example; 404 for any other."""
    return get_object_or_404(public_photos(), pk=pk)


def public_district_choices() -> QuerySet[District]:
    """The districts the public list of stories filters by (public facts)."""
    return District.objects.order_by("code")
