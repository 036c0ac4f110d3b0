"""stations.forms.stations: the station form offers the editor's area only."""

import pytest

from stations.forms.stations import StationForm

pytestmark = pytest.mark.django_db


def _data(host, **over):
    data = {
        "name": "光明驿站",
        "community": host.pk,
        "status": "open",
        "address": "光明路2号",
        "opening_hours": "周一至周五 9:00-17:00",
        "phone": "0632-3300000",
        "operator_kind": "",
        "served_communities": [host.pk],
    }
    data.update(over)
    return data


def test_a_host_community_outside_the_editors_area_is_refused(community_staff, other_community):
    form = StationForm(data=_data(other_community), user=community_staff)
    assert not form.is_valid()
    assert "community" in form.errors


def test_a_new_station_starts_in_the_editors_community(community_staff, community):
    form = StationForm(user=community_staff)
    assert (form.initial["community"], form.initial["served_communities"]) == (community.pk, [community.pk])
