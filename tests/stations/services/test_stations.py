"""Saving stations and related sites (stations/services/stations.py): scope and roles."""

import pytest

from stations.models import RelatedSite, Station
from stations.services import related_site_save, station_save


def test_related_site_save_refuses_a_community_outside_scope(community_staff, other_community):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        related_site_save(
            actor=community_staff, site=RelatedSite(community=other_community, kind="demo_base", name="x")
        )


def test_station_save_refuses_a_user_without_a_role(db, community):
    from django.core.exceptions import PermissionDenied

    from tests.factories import UserFactory

    nobody = UserFactory(role="", community=None)
    with pytest.raises(PermissionDenied):
        station_save(actor=nobody, station=Station(community=community, name="x"))
