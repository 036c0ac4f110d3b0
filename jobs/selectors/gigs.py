"""Reads of the day-labour corner (零工). Staff reads are scoped through
`visible_to(user)`; the public board shows open gigs with nothing personal."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from jobs.models import HOLDS_PLACE, EmployerGigLink, Gig, GigAvailability, GigOffer, GigStatus


def public_gig_board(*, today: dt.date | None = None) -> QuerySet[Gig]:
    """Open odd jobs from today on, soonest first: the public board."""
    today = today or timezone.localdate()
    return (
        Gig.objects.filter(status=GigStatus.OPEN, date__gte=today, date__lte=today + dt.timedelta(days=1))
        .select_related("community")
        .order_by("date", "start_time", "pk")
    )


def gig_day_list(*, user, day: dt.date) -> QuerySet[Gig]:
    """The odd jobs of `day` in the user's area, with their offers and residents."""
    offers = GigOffer.objects.select_related("resident").order_by("state", "offered_at", "pk")
    return (
        Gig.objects.visible_to(user)
        .filter(date=day)
        .select_related("community")
        .prefetch_related(Prefetch("offers", queryset=offers))
        .order_by("start_time", "pk")
    )


def gig_get_for_user(*, user, pk: int) -> Gig:
    gig = Gig.objects.visible_to(user).select_related("community", "employer").filter(pk=pk).first()
    if gig is None:
        raise Http404
    return gig


def gig_offers(*, gig: Gig) -> QuerySet[GigOffer]:
    return (
        GigOffer.objects.filter(gig=gig)
        .select_related("resident", "text_message")
        .order_by("state", "offered_at", "pk")
    )


def availability_list(*, user) -> QuerySet[GigAvailability]:
    """Residents in the user's area taking odd work."""
    return (
        GigAvailability.objects.visible_to(user)
        .filter(active=True, resident__removed_at__isnull=True)
        .select_related("resident__community")
        .order_by("resident__community__name", "resident__name")
    )


def offer_by_token(*, token: str) -> GigOffer:
    offer = GigOffer.objects.select_related("gig__community").filter(token=token).first()
    if offer is None:
        raise Http404
    return offer


def offer_or_none_by_token(*, token: str) -> GigOffer | None:
    """The offer a short code names, or None (the code may be a poster's)."""
    return GigOffer.objects.filter(token=token).only("token").first()


def offer_or_none_by_poster_token(*, poster_token: str) -> Gig | None:
    return Gig.objects.filter(poster_token=poster_token).only("pk").first()


def employer_get_for_user(*, user, pk: int):
    """An employer in the user's area; 404 for a missing one and another area's alike."""
    from jobs.models import Employer

    employer = Employer.objects.visible_to(user).filter(pk=pk).first()
    if employer is None:
        raise Http404
    return employer


def gig_by_check_token(*, check_token: str) -> Gig:
    gig = Gig.objects.select_related("community").filter(check_token=check_token).first()
    if gig is None:
        raise Http404
    return gig


def gig_by_poster_token(*, poster_token: str) -> Gig:
    gig = Gig.objects.select_related("community").filter(poster_token=poster_token).first()
    if gig is None:
        raise Http404
    return gig


def offer_get_for_user(*, user, pk: int) -> GigOffer:
    """An offer in the user's area; 404 for a missing one and another area's alike."""
    offer = GigOffer.objects.visible_to(user).filter(pk=pk).first()
    if offer is None:
        raise Http404
    return offer


def offer_on_this_phone(*, gig: Gig, tokens: list[str]) -> GigOffer | None:
    """The offer for `gig` among those opened on this phone (their tokens kept in the session)."""
    return GigOffer.objects.filter(gig=gig, token__in=tokens).first() if tokens else None


def poster_offer(*, gig: Gig, pk) -> GigOffer:
    """One of the poster's gig's offers; 404 for any other."""
    try:
        offer = GigOffer.objects.filter(gig=gig, pk=int(pk)).first()
    except (TypeError, ValueError):
        offer = None
    if offer is None:
        raise Http404
    return offer


def employer_link_by_code(*, code: str) -> EmployerGigLink:
    """An employer's posting link by its code, live or not (the page says which); 404 for none."""
    link = EmployerGigLink.objects.select_related("employer__community").filter(code=code).first()
    if link is None:
        raise Http404
    return link


def employer_link_live(*, employer) -> EmployerGigLink | None:
    """The employer's live posting link, for the staff page."""
    link = (
        EmployerGigLink.objects.filter(employer=employer, revoked_at__isnull=True, expires_at__gt=timezone.now())
        .select_related("text_message")
        .first()
    )
    return link


def street_communities(*, community) -> QuerySet:
    """The communities of `community`'s street: where a household or an employer may post."""
    from stations.models import Community

    return Community.objects.filter(street_id=community.street_id).order_by("name")


# --- a resident's own odd work (the resident's page, /me/) --------------------------
# The page lists the latest; older rows are in the resident's data copy.
OWN_ROWS = 20


def own_availability(*, resident) -> GigAvailability | None:
    """The resident's own odd-work registration, active or withdrawn, or None."""
    return GigAvailability.objects.filter(resident=resident).first()


def own_offers(*, resident, limit: int | None = OWN_ROWS) -> list[GigOffer]:
    """The odd jobs offered to the resident and what became of each, latest job first."""
    rows = (
        GigOffer.objects.filter(resident=resident)
        .select_related("gig__community")
        .order_by("-gig__date", "-gig__start_time", "-pk")
    )
    return list(rows[:limit] if limit else rows)


def own_gigs_posted(*, resident, limit: int | None = OWN_ROWS) -> list[Gig]:
    """The odd jobs the resident posted for their household, latest first, each
    with `coming`: the offers holding a place, for the page's "who is coming"."""
    coming = GigOffer.objects.filter(state__in=HOLDS_PLACE).select_related("resident").order_by("accepted_at", "pk")
    rows = (
        Gig.objects.filter(poster_resident=resident)
        .select_related("community")
        .prefetch_related(Prefetch("offers", queryset=coming, to_attr="coming"))
        .order_by("-date", "-start_time", "-pk")
    )
    return list(rows[:limit] if limit else rows)
