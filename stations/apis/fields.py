"""The API's side of stations.fields: every ModelSerializer normalises
identifiers and names the way the models and forms do, before checking their
length. Installed once, from StationsConfig.ready()."""

from __future__ import annotations

from rest_framework import serializers

from stations.fields import IdentifierField, NormalizedCharField
from stations.validators import normalize_code, normalize_text


class IdentifierSerializerField(serializers.CharField):
    def to_internal_value(self, data):
        return normalize_code(super().to_internal_value(data))


class NormalizedTextSerializerField(serializers.CharField):
    def to_internal_value(self, data):
        return normalize_text(super().to_internal_value(data))


def install() -> None:
    """Map the normalising model fields to these serializer fields for every
    ModelSerializer (DRF looks a model field up along its class hierarchy)."""
    mapping = serializers.ModelSerializer.serializer_field_mapping
    mapping[IdentifierField] = IdentifierSerializerField
    mapping[NormalizedCharField] = NormalizedTextSerializerField
