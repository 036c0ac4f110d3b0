"""stations.forms.residents.actions: the forms on a resident's record page."""

import datetime as dt

from django.utils import timezone

from stations.forms.residents.actions import HouseholdJoinForm, ServiceRecordForm, StatusChangeForm
from stations.models import EmploymentStatus, ServiceKind
from tests.factories import valid_id_number

TOMORROW = timezone.localdate() + dt.timedelta(days=1)


def test_a_status_change_cannot_be_dated_in_the_future():
    form = StatusChangeForm(data={"status": EmploymentStatus.UNEMPLOYED, "changed_on": TOMORROW.isoformat()})
    assert not form.is_valid()
    assert "changed_on" in form.errors


def test_a_service_cannot_be_dated_in_the_future():
    form = ServiceRecordForm(
        data={"kind": ServiceKind.choices[0][0], "served_on": TOMORROW.isoformat(), "channel": "station"}
    )
    assert not form.is_valid()
    assert "served_on" in form.errors


def test_a_household_members_id_number_is_normalised():
    number = valid_id_number(birth=dt.date(1980, 1, 1), male=True, serial=3)
    form = HouseholdJoinForm(data={"member_id_number": f" {number[:6]} {number[6:].lower()} "})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["member_id_number"] == number
