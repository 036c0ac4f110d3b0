"""Households and the zero-employment flag (stations/services/residents/households.py)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from stations.models import (
    EmploymentStatus,
    Household,
    Notification,
    Role,
)
from stations.selectors import years_before
from stations.services.residents import (
    household_create,
    household_zero_employment_refresh,
    resident_employment_status_change,
    resident_household_join,
)
from tests.factories import ResidentFactory, UserFactory, valid_id_number
from tests.factories.residents import HouseholdFactory

pytestmark = pytest.mark.django_db


def _age_birth(years: int) -> dt.date:
    return years_before(timezone.localdate(), years) - dt.timedelta(days=30)


# --- households ----------------------------------------------------------------------
def test_household_of_working_age_members_all_without_work_is_zero_employment(community):
    household = HouseholdFactory(community=community)
    ResidentFactory(
        community=community, household=household, id_number=valid_id_number(birth=_age_birth(40), male=True)
    )
    ResidentFactory(
        community=community, household=household, id_number=valid_id_number(birth=_age_birth(38), male=False)
    )
    assert household_zero_employment_refresh(household=household, on=timezone.localdate()) is True
    household.refresh_from_db()
    assert household.zero_employment_since == timezone.localdate()


def test_household_with_one_working_member_is_not_zero_employment(community):
    household = HouseholdFactory(community=community)
    ResidentFactory(community=community, household=household, id_number=valid_id_number(birth=_age_birth(40)))
    ResidentFactory(
        community=community,
        household=household,
        employment_status=EmploymentStatus.EMPLOYED,
        id_number=valid_id_number(birth=_age_birth(41)),
    )
    assert household_zero_employment_refresh(household=household, on=timezone.localdate()) is False


def test_retired_members_do_not_count_for_working_age(community):
    """A woman of 55 is past the retirement age of 50: no working-age member."""
    household = HouseholdFactory(community=community)
    ResidentFactory(
        community=community, household=household, id_number=valid_id_number(birth=_age_birth(55), male=False)
    )
    assert household_zero_employment_refresh(household=household, on=timezone.localdate()) is False


def test_becoming_zero_employment_notifies_the_community_staff_once(community_staff, community):
    household = HouseholdFactory(community=community)
    ResidentFactory(community=community, household=household, id_number=valid_id_number(birth=_age_birth(30)))
    today = timezone.localdate()
    household_zero_employment_refresh(household=household, on=today)
    household_zero_employment_refresh(household=household, on=today)
    notes = Notification.objects.filter(recipient=community_staff, kind="zero_employment_household")
    assert notes.count() == 1


def test_finding_work_clears_the_zero_employment_flag(community_staff, community):
    household = HouseholdFactory(community=community)
    member = ResidentFactory(community=community, household=household, id_number=valid_id_number(birth=_age_birth(30)))
    household_zero_employment_refresh(household=household, on=timezone.localdate())
    resident_employment_status_change(
        actor=community_staff, resident=member, status=EmploymentStatus.EMPLOYED, changed_on=timezone.localdate()
    )
    household.refresh_from_db()
    assert household.zero_employment_since is None


def test_losing_the_only_job_makes_the_household_zero_employment_the_same_day(community_staff, community):
    household = HouseholdFactory(community=community)
    member = ResidentFactory(
        community=community,
        household=household,
        employment_status=EmploymentStatus.EMPLOYED,
        id_number=valid_id_number(birth=_age_birth(30)),
    )
    today = timezone.localdate()
    resident_employment_status_change(
        actor=community_staff, resident=member, status=EmploymentStatus.UNEMPLOYED, changed_on=today
    )
    household.refresh_from_db()
    assert household.zero_employment_since == today
    assert Notification.objects.filter(recipient=community_staff).exists()


def test_join_puts_both_in_one_household(community_staff, community):
    a = ResidentFactory(community=community)
    b = ResidentFactory(community=community)
    household = resident_household_join(actor=community_staff, resident=a, member=b)
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.household == b.household == household


def test_household_members_must_share_a_community(street_officer, community, sibling_community):
    a = ResidentFactory(community=community)
    b = ResidentFactory(community=sibling_community)
    with pytest.raises(ValidationError):
        resident_household_join(actor=street_officer, resident=a, member=b)


def test_household_create_refuses_someone_already_in_one(community_staff, community):
    resident = ResidentFactory(community=community)
    household_create(actor=community_staff, resident=resident)
    with pytest.raises(ValidationError):
        household_create(actor=community_staff, resident=resident)
    assert Household.objects.count() == 1


def test_notifications_go_to_community_staff_only(community_staff, community):
    bureau = UserFactory(role=Role.CITY_BUREAU, community=None)
    household = HouseholdFactory(community=community)
    ResidentFactory(community=community, household=household, id_number=valid_id_number(birth=_age_birth(30)))
    household_zero_employment_refresh(household=household, on=timezone.localdate())
    assert not Notification.objects.filter(recipient=bureau).exists()


def test_nightly_refresh_flags_and_clears_households_as_members_age(community):
    from stations.services.residents import household_zero_employment_refresh_all

    today = timezone.localdate()
    new_zero = HouseholdFactory(community=community)
    ResidentFactory(community=community, household=new_zero, id_number=valid_id_number(birth=_age_birth(30)))
    retired = HouseholdFactory(community=community, zero_employment_since=today - dt.timedelta(days=90))
    ResidentFactory(community=community, household=retired, id_number=valid_id_number(birth=_age_birth(61), male=True))
    assert household_zero_employment_refresh_all(on=today) == 1
    new_zero.refresh_from_db()
    retired.refresh_from_db()
    assert new_zero.zero_employment_since == today
    assert retired.zero_employment_since is None
