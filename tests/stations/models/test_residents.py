"""Resident records (stations/models/residents.py): derived facts, the four clears, tombstones."""

import datetime as dt

import pytest

from stations.models import EmploymentStatus, Resident, Sex
from tests.factories import ResidentFactory, valid_id_number

pytestmark = pytest.mark.django_db


def test_birth_date_and_sex_are_derived_from_the_id_number(community):
    resident = ResidentFactory(community=community, id_number=valid_id_number(birth=dt.date(1975, 6, 1), male=False))
    assert (resident.birth_date, resident.sex) == (dt.date(1975, 6, 1), Sex.FEMALE)
    assert resident.age_on(dt.date(2026, 5, 31)) == 50 and resident.age_on(dt.date(2026, 6, 1)) == 51


def test_the_four_clears_score_counts_what_the_record_holds(community):
    resident = ResidentFactory(
        community=community, employment_status=EmploymentStatus.EMPLOYED, skill_level="", wants_training=None
    )
    assert resident.four_clears() == {"basic": True, "skill": False, "training": False, "direction": True}
    assert resident.four_clears_score == 2


def test_a_record_merged_into_another_is_left_out_by_default(community):
    kept = ResidentFactory(community=community)
    tombstone = ResidentFactory(community=community)
    Resident.with_tombstones.filter(pk=tombstone.pk).update(merged_into=kept)
    assert list(Resident.objects.all()) == [kept]
    assert Resident.with_tombstones.get(pk=tombstone.pk).is_tombstone
