"""The region and stations API.

Who reads what: anonymous callers read the public data (the whole region; open
and temporarily closed stations), throttled per address. Signed-in staff read
through their scope (`visible_to`), as everywhere else, so out of scope is a
404; for stations that includes their closed ones, which they manage. Station
writes need "stations.manage_station" and go through `station_save`.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, viewsets

from stations.apis.permissions import PublicReadStaffWrite
from stations.apis.throttling import AnonymousThrottle
from stations.models import Community, Station, Street
from stations.selectors import community_list, district_list, station_api_list, stations_in_place, street_list
from stations.serializers import (
    MAX_PK,
    CommunitySerializer,
    DistrictSerializer,
    StationSerializer,
    StreetSerializer,
)


def _is_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and getattr(user, "role", ""))


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.Filter):
    """An id filter that refuses what can't be an id (400) instead of asking the database."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_PK)
        super().__init__(*args, **kwargs)


class StreetFilter(django_filters.FilterSet):
    district = IdFilter(field_name="district_id", label="District id")

    class Meta:
        model = Street
        fields = ["district"]


class CommunityFilter(django_filters.FilterSet):
    street = IdFilter(field_name="street_id", label="Street id")
    district = IdFilter(field_name="street__district_id", label="District id")

    class Meta:
        model = Community
        fields = ["street", "district"]


class StationFilter(django_filters.FilterSet):
    district = IdFilter(method="filter_place", label="District id (located in or serving)")
    street = IdFilter(method="filter_place", label="Street id (located in or serving)")
    community = IdFilter(method="filter_place", label="Community id (located in or serving)")
    q = django_filters.CharFilter(method="filter_text", max_length=100, label="Name, address or community")

    class Meta:
        model = Station
        fields = ["district", "street", "community", "q"]

    def filter_place(self, queryset, name, value):
        return queryset.filter(pk__in=stations_in_place(level=name, pk=value))

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value) | Q(address__icontains=value) | Q(community__name__icontains=value)
        )


class _PublicRegionViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [PublicReadStaffWrite]
    throttle_classes = [AnonymousThrottle]
    write_permission = "stations.manage_station"  # unused: read-only

    # The public region for anyone, the user's scope for staff.
    selector = staticmethod(district_list)

    def get_queryset(self):
        user = self.request.user
        return self.selector(user=user if _is_staff(user) else None)


class DistrictViewSet(_PublicRegionViewSet):
    """Districts of the city (区/市), with their GB/T 2260 codes."""

    serializer_class = DistrictSerializer


class StreetViewSet(_PublicRegionViewSet):
    """Streets and towns (镇/街道); filter by `district`."""

    serializer_class = StreetSerializer
    filterset_class = StreetFilter
    selector = staticmethod(street_list)


class CommunityViewSet(_PublicRegionViewSet):
    """Communities and villages (社区/村); filter by `street` or `district`."""

    serializer_class = CommunitySerializer
    filterset_class = CommunityFilter
    selector = staticmethod(community_list)


class StationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Employment stations. Anyone reads open and temporarily closed stations;
    signed-in staff read and write the stations of their own area (closed ones
    included). Stations are never deleted: set `status` to `closed`."""

    serializer_class = StationSerializer
    filterset_class = StationFilter
    permission_classes = [PublicReadStaffWrite]
    throttle_classes = [AnonymousThrottle]
    write_permission = "stations.manage_station"

    def get_queryset(self):
        user = self.request.user
        return station_api_list(user=user if _is_staff(user) else None)
