"""API serializers of the base app. Writes validate through the services
(`station_save`), so the API and the staff pages share one rule set."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from stations.models import STATION_DETAIL_FIELDS, Community, District, Station, Street
from stations.selectors import community_choices, community_choices_any, station_service_list
from stations.services import station_save

# Primary keys are 64-bit: a larger number can't name a row, and some
# databases raise (rather than answer "no row") when asked for one.
MAX_PK = 2**63 - 1


class BoundedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    def to_internal_value(self, data):
        if isinstance(data, bool):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if isinstance(data, int | str) and str(data).strip().lstrip("-").isdigit() and abs(int(data)) > MAX_PK:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


class ScopedPrimaryKeyField(BoundedPrimaryKeyRelatedField):
    """Choices limited to what the requesting user may see: a key outside the
    caller's area answers "does not exist", like one that names no row."""

    def get_queryset(self):
        return super().get_queryset().visible_to(self.context["request"].user)


@extend_schema_field(OpenApiTypes.INT)
class SelectorPrimaryKeyField(BoundedPrimaryKeyRelatedField):
    """Choices from a selector of the requesting user, `selector(user=...)`:
    for choices narrower than scope (staff who may hold a case). A key
    outside them answers "does not exist", like one that names no row."""

    def __init__(self, *, selector, **kwargs):
        self.selector = selector
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.selector(user=self.context["request"].user)


class DistrictSerializer(serializers.ModelSerializer):
    class Meta:
        model = District
        fields = ["id", "code", "name"]


class StreetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Street
        fields = ["id", "code", "name", "district"]
        read_only_fields = fields  # the region is read-only in the API


class CommunitySerializer(serializers.ModelSerializer):
    district = serializers.IntegerField(source="street.district_id", read_only=True)

    class Meta:
        model = Community
        fields = ["id", "code", "name", "kind", "street", "district", "latitude", "longitude"]
        read_only_fields = fields  # the region is read-only in the API


class StationSerializer(serializers.ModelSerializer):
    """A station as residents and staff see it. `services` are the codes of the
    nine services (ServiceCode); `served_communities` are community ids."""

    community = SelectorPrimaryKeyField(selector=community_choices)
    community_name = serializers.CharField(source="community.name", read_only=True)
    street = serializers.IntegerField(source="community.street_id", read_only=True)
    district = serializers.IntegerField(source="community.street.district_id", read_only=True)
    # Served communities may lie outside the caller's area when a higher office
    # set them (联建); station_save keeps those and refuses new ones by name.
    served_communities = BoundedPrimaryKeyRelatedField(queryset=community_choices_any(), many=True, required=False)
    services = serializers.SlugRelatedField(
        slug_field="code", queryset=station_service_list(), many=True, required=False
    )

    class Meta:
        model = Station
        fields = [
            "id",
            "name",
            "community",
            "community_name",
            "street",
            "district",
            *STATION_DETAIL_FIELDS,
            "services",
            "served_communities",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]

    def _save(self, station: Station, validated_data: dict) -> Station:
        services = validated_data.pop("services", None)
        served = validated_data.pop("served_communities", None)
        for name, value in validated_data.items():
            setattr(station, name, value)
        request = self.context["request"]
        return station_save(
            actor=request.user, station=station, services=services, served_communities=served, request=request
        )

    def create(self, validated_data):
        return self._save(Station(), validated_data)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data)
