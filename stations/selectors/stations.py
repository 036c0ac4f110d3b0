"""Reads of stations and related sites, for public pages and staff, and the
staff dashboard's headline counts."""

from __future__ import annotations

import math

from django.db.models import Count, Exists, F, FloatField, OuterRef, Q, QuerySet, Value
from django.db.models.functions import ASin, Cast, Coalesce, Cos, Least, Power, Radians, Sin, Sqrt
from django.shortcuts import get_object_or_404

from stations.models import (
    Community,
    RelatedSite,
    Resident,
    Station,
    StationService,
    StationStatus,
)
from stations.scoping import get_visible_or_404

# Mean Earth radius for the haversine distance; good to a few metres in a city.
EARTH_RADIUS_KM = 6371.0088


def distance_km_expression(lat: float, lng: float, *, lat_field: str, lng_field: str):
    """Straight-line (haversine) distance in km from (lat, lng) to the row's
    coordinates, computed in SQL so the database orders and pages the rows.
    Uses only functions Django provides on both SQLite and PostgreSQL; rows
    without coordinates give NULL."""
    lat1 = math.radians(lat)
    row_lat = Radians(Cast(lat_field, FloatField()))
    row_lng = Radians(Cast(lng_field, FloatField()))
    half_dlat = (row_lat - Value(lat1, output_field=FloatField())) / Value(2.0)
    half_dlng = (row_lng - Value(math.radians(lng), output_field=FloatField())) / Value(2.0)
    a = Power(Sin(half_dlat), 2) + Value(math.cos(lat1), output_field=FloatField()) * Cos(row_lat) * Power(
        Sin(half_dlng), 2
    )
    # Rounding can push `a` a hair above 1 for antipodal points; asin would fail.
    return Value(2 * EARTH_RADIUS_KM, output_field=FloatField()) * ASin(
        Sqrt(Least(a, Value(1.0, output_field=FloatField())))
    )


def public_station_list(
    *,
    district=None,
    street=None,
    community=None,
    text: str = "",
    near: tuple[float, float] | None = None,
    serving=None,
) -> QuerySet[Station]:
    """Stations residents may see: open or temporarily closed, never closed ones.

    Public data, so no user scope. `district`/`street`/`community` keep the
    stations located in or serving that node. `near=(lat, lng)` annotates
    `distance_km` (station coordinates, else its host community's) and orders
    nearest first; `serving=<community>` annotates `serves` and puts the
    stations serving that community before the rest.
    """
    qs = Station.objects.exclude(status=StationStatus.CLOSED)
    place = Q()
    if community:
        place &= Q(community=community) | Q(served_communities=community)
    elif street:
        place &= Q(community__street=street) | Q(served_communities__street=street)
    elif district:
        place &= Q(community__street__district=district) | Q(served_communities__street__district=district)
    text = (text or "").strip()
    if text:
        qs = qs.filter(
            Q(name__icontains=text)
            | Q(address__icontains=text)
            | Q(community__name__icontains=text)
            | Q(community__street__name__icontains=text)
        )
    if place:
        qs = qs.filter(pk__in=Station.objects.filter(place).values("pk"))
    ordering = []
    if serving is not None:
        served = Station.served_communities.through.objects.filter(station=OuterRef("pk"), community=serving)
        qs = qs.annotate(serves=Q(community=serving) | Exists(served))
        ordering.append(F("serves").desc())
    if near is not None:
        qs = qs.annotate(
            station_lat=Coalesce("latitude", "community__latitude"),
            station_lng=Coalesce("longitude", "community__longitude"),
        ).annotate(distance_km=distance_km_expression(*near, lat_field="station_lat", lng_field="station_lng"))
        ordering.append(F("distance_km").asc(nulls_last=True))
    if ordering:
        qs = qs.order_by(*ordering, "community__code", "name", "pk")
    return qs.select_related("community__street__district").prefetch_related("services")


def public_station_get(*, pk) -> Station:
    """One station for the public page: 404 when missing or closed."""
    qs = (
        Station.objects.exclude(status=StationStatus.CLOSED)
        .select_related("community__street__district")
        .prefetch_related("services", "served_communities__street")
    )
    return get_object_or_404(qs, pk=pk)


def public_nearby_sites(*, station: Station) -> QuerySet[RelatedSite]:
    """Active related sites (micro-factories, schools...) of the communities a
    station is in or serves: public facts about places, never about people."""
    communities = {station.community_id, *(c.pk for c in station.served_communities.all())}
    return (
        RelatedSite.objects.filter(community__in=communities, is_active=True)
        .select_related("community")
        .order_by("kind", "name")
    )


def station_list(*, user, filters: dict | None = None) -> QuerySet[Station]:
    """Stations in the user's scope, closed ones included (staff manage them)."""
    filters = filters or {}
    qs = Station.objects.visible_to(user).select_related("community__street__district")
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("community"):
        qs = qs.filter(community=filters["community"])
    if filters.get("q"):
        qs = qs.filter(Q(name__icontains=filters["q"]) | Q(address__icontains=filters["q"]))
    return (
        qs.prefetch_related("services")
        .annotate(served_count=Count("served_communities", distinct=True))
        .order_by("community__code", "name", "pk")
    )


def station_get(*, user, pk) -> Station:
    """A station in the user's scope, closed ones included (staff manage
    them); 404 for one elsewhere, as for a missing one."""
    return get_visible_or_404(Station.objects.all(), user, pk=pk)


def station_api_list(*, user=None) -> QuerySet[Station]:
    """Stations for the API, in the public list's order with their served
    communities: for the public (user None) the open and temporarily closed
    ones (`public_station_list`), for staff those in their scope, closed ones
    included."""
    if user is None:
        qs = public_station_list()
    else:
        qs = Station.objects.visible_to(user).select_related("community__street").prefetch_related("services")
    return qs.prefetch_related("served_communities").order_by("community__code", "name", "pk")


def stations_in_place(*, level: str, pk: int) -> QuerySet:
    """The pks of the stations located in or serving a district, street or
    community (`level`): a subquery for a filter on a list already scoped."""
    path = {
        "community": "community_id",
        "street": "community__street_id",
        "district": "community__street__district_id",
    }[level]
    served = {
        "community": "served_communities__id",
        "street": "served_communities__street_id",
        "district": "served_communities__street__district_id",
    }[level]
    return Station.objects.filter(Q(**{path: pk}) | Q(**{served: pk})).values("pk")


def station_service_list() -> QuerySet[StationService]:
    """The services a station may offer (the same for everyone), in order."""
    return StationService.objects.all()


def related_site_get(*, user, pk) -> RelatedSite:
    """A related site in the user's scope; 404 for one elsewhere, as for a missing one."""
    return get_visible_or_404(RelatedSite.objects.all(), user, pk=pk)


def related_site_list(*, user, filters: dict | None = None) -> QuerySet[RelatedSite]:
    """Related sites in the user's scope."""
    filters = filters or {}
    qs = RelatedSite.objects.visible_to(user).select_related("community__street")
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("community"):
        qs = qs.filter(community=filters["community"])
    if filters.get("active") in ("1", "0"):
        qs = qs.filter(is_active=filters["active"] == "1")
    if filters.get("q"):
        qs = qs.filter(Q(name__icontains=filters["q"]) | Q(address__icontains=filters["q"]))
    return qs


def dashboard_counts(*, user) -> dict[str, int]:
    """The headline counts on the staff dashboard, for the user's node."""
    communities = Community.objects.visible_to(user)
    residents = Resident.objects.visible_to(user).active()
    resident_stats = residents.aggregate(
        total=Count("pk"),
        unemployed=Count("pk", filter=Q(employment_status="unemployed")),
        four_clears_complete=Count("pk", filter=Q(four_clears_score=4)),
    )
    return {
        "communities": communities.count(),
        "stations": Station.objects.visible_to(user).exclude(status=StationStatus.CLOSED).count(),
        "residents": resident_stats["total"],
        "unemployed": resident_stats["unemployed"],
        "four_clears_complete": resident_stats["four_clears_complete"],
    }
