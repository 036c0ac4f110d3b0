"""Recommendations, their residents, the postings they may name and the
placements they end in. Scoped to the user."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from jobs.models import (
    Placement,
    Posting,
    PostingStatus,
    Recommendation,
    RecommendationTransition,
)
from stations.models import Resident
from stations.scoping import get_visible_or_404


def recommendable_posting_list(*, user) -> QuerySet[Posting]:
    """Postings a user may name in a recommendation: the published ones
    anywhere (the job market is public) and any in the user's area (the
    service refuses an unpublished one with its reason). Another area's
    draft answers like a missing posting."""
    in_area = Posting.objects.visible_to(user).values("pk")
    return Posting.objects.filter(Q(status=PostingStatus.PUBLISHED) | Q(pk__in=in_area))


def placement_list(*, user) -> QuerySet[Placement]:
    return Placement.objects.visible_to(user)


def placements_on_postings(*, postings, started_from: dt.date) -> QuerySet[Placement]:
    """Hires on the given postings that started on or after a date, earliest
    first (system reads for counting; callers scope what they list)."""
    return Placement.objects.filter(posting__in=postings, started_on__gte=started_from).order_by("started_on", "pk")


def recommendation_list(*, user, filters: dict | None = None) -> QuerySet[Recommendation]:
    filters = filters or {}
    qs = Recommendation.objects.visible_to(user).select_related("resident", "posting__employer", "staff")
    if filters.get("state"):
        qs = qs.filter(state=filters["state"])
    if filters.get("resident"):
        qs = qs.filter(resident_id=filters["resident"])
    return qs


def recommendation_get(*, user, pk) -> Recommendation:
    qs = Recommendation.objects.select_related("resident__community", "posting__employer", "staff")
    return get_visible_or_404(qs, user, pk=pk)


def resident_get(*, user, pk) -> Resident:
    """A resident in scope to match, recommend or save a search for."""
    return get_visible_or_404(Resident.objects.select_related("community"), user, pk=pk)


def posting_recommendations(*, user, posting: Posting) -> QuerySet[Recommendation]:
    return posting.recommendations.visible_to(user).select_related("resident", "staff")


def resident_recommended_posting_ids(*, resident: Resident) -> set[int]:
    return set(resident.job_recommendations.values_list("posting_id", flat=True))


def recommendable_posting(*, user, pk) -> Posting | None:
    """A posting the user may name in a recommendation, or None (another
    area's draft answers like a missing posting)."""
    return recommendable_posting_list(user=user).filter(pk=pk).first()


def recommendation_history(*, recommendation: Recommendation) -> QuerySet[RecommendationTransition]:
    return recommendation.transitions.select_related("user")
