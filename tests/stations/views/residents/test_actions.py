"""The record page's action forms (stations.views.residents.actions)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from stations.models import EmploymentStatus, ServiceRecord
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db

LIST = reverse("stations:resident_list")


def test_status_form_changes_status_and_opens_a_registration(staff_client, community):
    resident = ResidentFactory(community=community, employment_status=EmploymentStatus.EMPLOYED)
    response = staff_client.post(
        reverse("stations:resident_status", kwargs={"pk": resident.pk}),
        {"status": "unemployed", "changed_on": timezone.localdate().isoformat(), "registration_number": "NO-1"},
    )
    assert response.status_code == 302
    assert resident.unemployment_registrations.get().number == "NO-1"


def test_status_form_refuses_a_future_date_and_keeps_the_input(staff_client, community):
    resident = ResidentFactory(community=community)
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = staff_client.post(
        reverse("stations:resident_status", kwargs={"pk": resident.pk}),
        {"status": "employed", "changed_on": future, "note": "找到工作"},
    )
    assert response.status_code == 200
    assert "找到工作" in response.content.decode()


def test_quick_service_form_writes_the_service_log(staff_client, community):
    resident = ResidentFactory(community=community)
    staff_client.post(
        reverse("stations:resident_service", kwargs={"pk": resident.pk}),
        {"kind": "career_guidance", "served_on": timezone.localdate().isoformat(), "channel": "phone", "note": "电话"},
    )
    assert ServiceRecord.objects.get(resident=resident).kind == "career_guidance"


def test_household_join_by_the_members_id_number(staff_client, community):
    a = ResidentFactory(community=community)
    b = ResidentFactory(community=community)
    staff_client.post(reverse("stations:resident_household", kwargs={"pk": a.pk}), {"member_id_number": b.id_number})
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.household_id and a.household_id == b.household_id


def test_remove_with_reason(staff_client, community):
    resident = ResidentFactory(community=community)
    staff_client.post(reverse("stations:resident_remove", kwargs={"pk": resident.pk}), {"reason": "deceased"})
    resident.refresh_from_db()
    assert resident.removal_reason == "deceased"
    assert resident.name not in staff_client.get(LIST).content.decode()


def test_joining_a_household_by_a_full_width_id_number_finds_the_member(staff_client, community):
    member = ResidentFactory(community=community, id_number="11010519491231002X")
    resident = ResidentFactory(community=community)
    staff_client.post(
        reverse("stations:resident_household", kwargs={"pk": resident.pk}),
        {"action": "join", "member_id_number": "１１０１０５１９４９１２３１００２ｘ"},
    )
    resident.refresh_from_db()
    member.refresh_from_db()
    assert resident.household_id is not None and resident.household_id == member.household_id
