import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from entrepreneurship.models import SpaceOccupancy
from entrepreneurship.services import space_occupancy_record
from tests.factories.entrepreneurship import IncubationSpaceFactory


def test_occupancy_is_recorded_once_per_day_and_corrected_in_place(community_staff, community):
    space = IncubationSpaceFactory(community=community, units=20)
    today = timezone.localdate()
    for occupied in (10, 12):
        space_occupancy_record(
            actor=community_staff, space=space, recorded_on=today, occupied_units=occupied, priority_group_units=4
        )
    assert list(SpaceOccupancy.objects.values_list("occupied_units", flat=True)) == [12]


def test_more_units_than_the_space_has_or_a_future_day_are_refused_on_their_fields(community_staff, community):
    space = IncubationSpaceFactory(community=community, units=20)
    with pytest.raises(ValidationError) as refused:
        space_occupancy_record(
            actor=community_staff,
            space=space,
            recorded_on=timezone.localdate() + dt.timedelta(days=1),
            occupied_units=21,
            priority_group_units=22,
        )
    assert set(refused.value.message_dict) == {"occupied_units", "priority_group_units", "recorded_on"}
    assert not SpaceOccupancy.objects.exists()


def test_a_space_of_another_area_is_refused(community_staff, other_community):
    space = IncubationSpaceFactory(community=other_community)
    with pytest.raises(PermissionDenied):
        space_occupancy_record(
            actor=community_staff,
            space=space,
            recorded_on=timezone.localdate(),
            occupied_units=1,
            priority_group_units=0,
        )
