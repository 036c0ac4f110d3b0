"""Staff reads of postings, from `visible_to(user)`, and the choices a
posting's form offers."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from jobs.models import Posting, PostingStatus
from stations.models import JOB_SITE_KINDS, Community, RelatedSite, Station
from stations.scoping import get_visible_or_404


def posting_site_choices(*, user) -> QuerySet[RelatedSite]:
    """The sites in the user's area a posting can be tied to: active places
    where the work is done (micro-factories, Rukang homes, housekeeping
    outlets, demo bases)."""
    return (
        RelatedSite.objects.visible_to(user)
        .filter(is_active=True, kind__in=JOB_SITE_KINDS)
        .select_related("community")
        .order_by("community__code", "kind", "name")
    )


def posting_list(*, user, filters: dict | None = None) -> QuerySet[Posting]:
    filters = filters or {}
    qs = Posting.objects.visible_to(user).select_related("employer", "community")
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("q"):
        qs = qs.filter(Q(title__icontains=filters["q"]) | Q(employer__name__icontains=filters["q"]))
    if filters.get("flagged"):
        qs = qs.exclude(screening_flags=[])
    return qs.order_by("-created_at", "-pk")


def postings_by_pk(*, pks) -> QuerySet[Posting]:
    """Postings already chosen by a scoped read (their pks), newest first."""
    return Posting.objects.filter(pk__in=pks).select_related("employer", "community").order_by("-published_at", "-pk")


def postings_to_link() -> QuerySet[Posting]:
    """Any posting, by pk, for a choice that a service then checks against
    the user's scope (a partner's commitment may name a posting of its
    employer in another area: `postings_in_scope_or_of_employer`)."""
    return Posting.objects.all()


def postings_in_scope_or_of_employer(*, user, employer_id: int | None) -> QuerySet[Posting]:
    """The user's postings, and (deliberately across scope) those of one
    employer wherever they are placed: a partner's employer may recruit for a
    community's promise from anywhere in the city."""
    q = Q(pk__in=Posting.objects.visible_to(user).values("pk"))
    if employer_id:
        q |= Q(employer_id=employer_id)
    return Posting.objects.filter(q).select_related("employer", "community")


def review_queue(*, user) -> QuerySet[Posting]:
    """Postings waiting for a decision in the user's area, oldest first."""
    return (
        Posting.objects.visible_to(user)
        .filter(status=PostingStatus.PENDING)
        .select_related("employer", "community")
        .order_by("created_at", "pk")
    )


def posting_get(*, user, pk) -> Posting:
    return get_visible_or_404(
        Posting.objects.select_related("employer", "community", "reviewed_by", "related_site"), user, pk=pk
    )


def community_choices(*, user) -> QuerySet[Community]:
    """Communities a posting, employer, fair or saved search may name."""
    return Community.objects.visible_to(user).select_related("street")


def community_is_visible(*, user, pk) -> bool:
    return Community.objects.visible_to(user).filter(pk=pk).exists()


def sheet_station_choices(*, user, limit: int = 30) -> QuerySet[Station]:
    """Open stations in scope whose notice-board sheet the posting list links to."""
    return Station.objects.visible_to(user).exclude(status="closed").order_by("name")[:limit]
