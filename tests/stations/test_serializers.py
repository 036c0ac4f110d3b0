"""stations.serializers: keys bounded to 64 bits and to the caller's area;
writes go through station_save."""

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIRequestFactory

from stations.models import Station
from stations.serializers import MAX_PK, StationSerializer

pytestmark = pytest.mark.django_db


def _serializer(user, data, instance=None):
    request = APIRequestFactory().post("/api/v1/stations/")
    request.user = user
    return StationSerializer(instance, data=data, context={"request": request}, partial=instance is not None)


def _payload(host, **over):
    data = {
        "name": "API驿站",
        "community": host.pk,
        "address": "光明路2号",
        "opening_hours": "周一至周五 9:00-17:00",
        "phone": "0632-3300000",
        "services": ["job_push"],
        "served_communities": [host.pk],
    }
    data.update(over)
    return data


def test_a_key_beyond_64_bits_is_a_key_that_names_no_row(community_staff, community):
    serializer = _serializer(community_staff, _payload(community, community=MAX_PK + 1))
    assert not serializer.is_valid()
    assert serializer.errors["community"][0].code == "does_not_exist"


def test_a_new_served_community_outside_the_callers_area_is_refused_on_save(
    community_staff, community, other_community
):
    serializer = _serializer(community_staff, _payload(community, served_communities=[other_community.pk]))
    assert serializer.is_valid(), serializer.errors  # any community may be named: a higher office's are kept
    with pytest.raises(ValidationError) as refused:
        serializer.save()
    assert "served_communities" in refused.value.message_dict
    assert not Station.objects.exists()


def test_a_valid_station_is_saved_with_its_services(community_staff, community):
    serializer = _serializer(community_staff, _payload(community))
    assert serializer.is_valid(), serializer.errors
    station = serializer.save()
    assert Station.objects.get(pk=station.pk).services.get().code == "job_push"
