"""GET /api/v1/service-items/: the public services, for the 爱山东 platform's
list (stations/service_items.py). Anyone may read, throttled per address like
the rest of the anonymous API; there is nothing to write."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from stations.apis.permissions import PublicReadStaffWrite
from stations.apis.throttling import AnonymousThrottle
from stations.service_items import ServiceItem, service_items


class ServiceItemSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Stable identifier of the service.")
    name_zh = serializers.CharField()
    name_en = serializers.CharField()
    description_zh = serializers.CharField()
    description_en = serializers.CharField()
    deep_link = serializers.URLField(
        help_text="Absolute URL the platform opens in its web view; {placeholders} are filled by the platform."
    )
    link_parameters = serializers.ListField(child=serializers.CharField(), help_text="Placeholders in deep_link.")
    icon = serializers.CharField(help_text="Icon key, mapped by the platform to its own icon set.")


def _as_dict(item: ServiceItem, request) -> dict:
    path = item.resolve_path() or ""
    return {
        "key": item.key,
        "name_zh": item.text(item.name, "zh-hans"),
        "name_en": item.text(item.name, "en"),
        "description_zh": item.text(item.description, "zh-hans"),
        "description_en": item.text(item.description, "en"),
        # build_absolute_uri would percent-encode the {placeholder} braces.
        "deep_link": request.build_absolute_uri("/").rstrip("/") + path,
        "link_parameters": list(item.link_parameters),
        "icon": item.icon,
    }


class ServiceItemViewSet(viewsets.ViewSet):
    # Anyone reads; there is no write (405).
    permission_classes = [PublicReadStaffWrite]
    throttle_classes = [AnonymousThrottle]

    @extend_schema(responses=ServiceItemSerializer(many=True), summary="Public services with their deep links")
    def list(self, request):
        data = [_as_dict(item, request) for item in service_items()]
        return Response(ServiceItemSerializer(data, many=True).data)
