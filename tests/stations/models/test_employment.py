"""A resident's employment history (stations/models/employment.py)."""

import datetime as dt

import pytest

from stations.models import EmploymentStatus, EmploymentStatusChange, UnemploymentRegistration
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_a_status_change_reads_as_its_date_and_status(community):
    change = EmploymentStatusChange.objects.create(
        resident=ResidentFactory(community=community), status=EmploymentStatus.EMPLOYED, changed_on=dt.date(2026, 3, 1)
    )
    assert str(change).startswith("2026-03-01 ")


def test_a_registration_without_a_number_reads_with_a_dash(community):
    registration = UnemploymentRegistration.objects.create(
        resident=ResidentFactory(community=community), registered_on=dt.date(2026, 3, 1)
    )
    assert str(registration) == "- 2026-03-01"
    assert list(registration.resident.unemployment_registrations.all()) == [registration]
