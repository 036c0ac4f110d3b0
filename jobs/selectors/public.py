"""What anyone may read of the job market, without an account: live postings
(published and inside their window), active sites, open stations and the
places to search near. Nothing personal."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.db.models import Avg, ExpressionWrapper, F, FloatField, Q, QuerySet, Subquery, Value
from django.shortcuts import get_object_or_404
from django.utils import timezone

from jobs.geo import bounding_box, haversine_km
from jobs.models import Posting, monthly_pay
from stations.models import Community, RelatedSite, Station, Street
from stations.params import parse_pk

PUBLIC_RELATED = ("employer", "community__street__district")


@dataclass
class PostingSearch:
    """What the public list and the API accept (all optional)."""

    district: int | None = None
    street: int | None = None
    community: int | None = None
    category: str = ""
    work_pattern: str = ""
    salary_floor: int | None = None
    suits: tuple[str, ...] = ()
    q: str = ""
    near_lat: float | None = None
    near_lng: float | None = None
    radius_km: int | None = None
    sort: str = "newest"


SUITS_FIELDS = {"disabled": "suits_disabled", "carers": "suits_carers", "older": "suits_older"}


def public_posting_queryset(search: PostingSearch, *, today: dt.date | None = None) -> QuerySet[Posting]:
    """Live postings matching the search, not yet ordered or paginated."""
    today = today or timezone.localdate()
    qs = Posting.objects.live(on=today)
    if search.community:
        qs = qs.filter(community_id=search.community)
    elif search.street:
        qs = qs.filter(community_id__in=Community.objects.filter(street_id=search.street).values("pk"))
    elif search.district:
        qs = qs.filter(community_id__in=Community.objects.filter(street__district_id=search.district).values("pk"))
    if search.category:
        qs = qs.filter(occupation_category=search.category)
    if search.work_pattern:
        qs = qs.filter(work_pattern=search.work_pattern)
    if search.salary_floor:
        # The floor is a month's pay: hourly and daily postings compare as a month's.
        qs = qs.alias(monthly_max=monthly_pay("salary_max")).filter(monthly_max__gte=search.salary_floor)
    for tag in search.suits:
        if tag in SUITS_FIELDS:
            qs = qs.filter(**{SUITS_FIELDS[tag]: True})
    if search.q:
        for word in search.q.split()[:5]:
            qs = qs.filter(
                Q(title__icontains=word) | Q(description__icontains=word) | Q(employer__name__icontains=word)
            )
    if search.near_lat is not None and search.radius_km:
        min_lat, max_lat, min_lng, max_lng = bounding_box(search.near_lat, search.near_lng, search.radius_km)
        qs = qs.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lng, max_lng))
    return qs


@dataclass
class PostingPage:
    postings: list
    total: int
    page: int
    pages: int
    capped: bool = False

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages


# Counting every match of a broad search costs a scan; nobody pages past 50.
# The list says "1,000+" beyond this and pages stop there.
COUNT_CAP = 1000
KM_PER_DEGREE_LAT = 110.57
KM_PER_DEGREE_LNG_EQUATOR = 111.32


def _distance_squared(lat0: float, lng0: float):
    """Squared equirectangular distance in km² as a plain SQL expression (no
    database maths functions, so SQLite and PostgreSQL alike). Within 10 km
    it differs from the great-circle distance by far less than a metre per km."""
    kx = KM_PER_DEGREE_LNG_EQUATOR * math.cos(math.radians(lat0))
    dx = (F("longitude") - Value(lng0)) * Value(kx)
    dy = (F("latitude") - Value(lat0)) * Value(KM_PER_DEGREE_LAT)
    return ExpressionWrapper(dx * dx + dy * dy, output_field=FloatField())


def public_posting_page(
    search: PostingSearch, *, page: int = 1, per_page: int = 20, today: dt.date | None = None
) -> PostingPage:
    """One page of the public list in exactly two queries: a count capped at
    COUNT_CAP, then the page. A radius narrows rows by bounding box (indexed)
    and then by distance, both in SQL; "nearest first" orders by distance."""
    qs = public_posting_queryset(search, today=today)
    near = search.near_lat is not None
    if near:
        qs = qs.annotate(d2=_distance_squared(search.near_lat, search.near_lng))
        if search.radius_km:
            qs = qs.filter(d2__lte=search.radius_km**2)
    if near and search.sort == "distance":
        qs = qs.exclude(latitude=None).order_by("d2", "-pk")
    else:
        qs = qs.order_by("-published_at", "-pk")
    counted = qs.order_by()[: COUNT_CAP + 1].count()
    capped = counted > COUNT_CAP
    total = min(counted, COUNT_CAP)
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    postings = []
    if total:
        # The page's ids come from the posting table alone (an index scan in
        # order), and the joins for display touch only those rows: joined
        # first, the planner sorts every live posting instead.
        window = qs.values("pk")[(page - 1) * per_page : page * per_page]
        ordering = qs.query.order_by
        postings = list(
            Posting.objects.filter(pk__in=Subquery(window))
            .annotate(**({"d2": qs.query.annotations["d2"]} if near else {}))
            .select_related(*PUBLIC_RELATED)
            .order_by(*ordering)
        )
    for p in postings:
        p.distance_km = (
            haversine_km(search.near_lat, search.near_lng, p.latitude, p.longitude)
            if near and p.latitude is not None
            else None
        )
    return PostingPage(postings, total, page, pages, capped)


def public_posting_get(*, pk: int, today: dt.date | None = None) -> Posting:
    """A live posting for its public page (404 by the caller when missing)."""
    return (
        Posting.objects.live(on=today or timezone.localdate())
        .select_related(*PUBLIC_RELATED, "related_site")
        .get(pk=pk)
    )


def stations_for_community(community_id: int) -> list[Station]:
    """Where a resident can ask about a posting: open stations serving its community."""
    return list(
        Station.objects.filter(Q(community_id=community_id) | Q(served_communities=community_id))
        .exclude(status="closed")
        .distinct()
        .order_by("name")[:3]
    )


def station_live_postings(*, station: Station, today: dt.date | None = None) -> list[Posting]:
    """The notice-board sheet: live postings in the communities the station serves."""
    communities = {station.community_id, *station.served_communities.values_list("pk", flat=True)}
    return list(
        Posting.objects.live(on=today or timezone.localdate())
        .filter(community_id__in=communities)
        .select_related("employer")
        .order_by("-published_at", "-pk")[:12]
    )


def public_site_get(*, pk) -> RelatedSite:
    """An active site for its public page (RelatedSite.DoesNotExist otherwise):
    a public fact about a place, like the station finder's."""
    return RelatedSite.objects.filter(is_active=True).select_related("community__street__district").get(pk=pk)


def public_site_postings(*, site: RelatedSite, today: dt.date | None = None) -> QuerySet[Posting]:
    """The site's open jobs: published and inside their window today."""
    return (
        Posting.objects.live(on=today or timezone.localdate())
        .filter(related_site=site)
        .select_related(*PUBLIC_RELATED)
        .order_by("-published_at", "-pk")
    )


def public_station_get(*, pk) -> Station:
    """A station that is not closed, for its notice-board sheet; 404 otherwise."""
    return get_object_or_404(Station.objects.exclude(status="closed").select_related("community"), pk=pk)


def submitted_posting(*, pk) -> Posting | None:
    """The posting an employer has just sent from this browser (its pk kept in
    their session), for the thank-you page."""
    return Posting.objects.filter(pk=pk).select_related("community").first() if pk else None


def located_community(*, pk) -> Community | None:
    """A community with coordinates, for "near" in the public search (a public
    fact about a place); None when missing or without coordinates."""
    community = Community.objects.filter(pk=pk).first()
    return community if community is not None and community.latitude is not None else None


def public_places(params=None) -> tuple[list[Street], list[Community], list[Station]]:
    """Streets for the filters, and communities and stations only inside the
    chosen district or street: a city has 2,400 of each, and listing them all
    made the page 600 KB. The place chosen as "near" is always included, so a
    shared link keeps working. Three queries."""
    params = params or {}
    district, street = parse_pk(params.get("district")), parse_pk(params.get("street"))
    near = str(params.get("near") or "")
    communities_q, stations_q = Q(pk__in=[]), Q(pk__in=[])
    if street:
        communities_q, stations_q = Q(street_id=street), Q(community__street_id=street)
    elif district:
        communities_q, stations_q = Q(street__district_id=district), Q(community__street__district_id=district)
    if near[:1] == "c" and near[1:].isdigit():
        communities_q |= Q(pk=int(near[1:]))
    if near[:1] == "s" and near[1:].isdigit():
        stations_q |= Q(pk=int(near[1:]))
    # Each street with the centre of its communities, so "near" offers the
    # streets before a district is chosen (without JavaScript too). Same query.
    streets = list(
        Street.objects.select_related("district")
        .annotate(latitude=Avg("communities__latitude"), longitude=Avg("communities__longitude"))
        .order_by("code")
    )
    communities = list(Community.objects.filter(communities_q).select_related("street__district").order_by("code"))
    stations = list(Station.objects.exclude(status="closed").filter(stations_q).order_by("community__code", "name"))
    return streets, communities, stations


def public_community_choices() -> QuerySet[Community]:
    """Every community, for the employer's own form (the job market is city-wide)."""
    return Community.objects.select_related("street__district").order_by("code")


def public_live_postings(*, today: dt.date | None = None) -> QuerySet[Posting]:
    """Live postings with what the public list shows of them."""
    return Posting.objects.live(on=today or timezone.localdate()).select_related(*PUBLIC_RELATED)
