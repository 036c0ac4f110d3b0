import datetime as dt

from django.urls import reverse

from stations.models import ServiceRecord
from tests.assistance.conftest import TODAY
from tests.factories.residents import ResidentFactory


def test_household_case_page_records_a_service_to_a_member(staff_client, community, community_staff):
    from tests.factories.assistance import HouseholdCaseFactory, HouseholdFactory

    household = HouseholdFactory(community=community, zero_employment_since=TODAY - dt.timedelta(days=20))
    case = HouseholdCaseFactory(household=household, assigned_to=community_staff)
    member = ResidentFactory(community=community, household=household)
    assert staff_client.get(reverse("assistance:household_detail", args=[case.pk])).status_code == 200
    response = staff_client.post(
        reverse("assistance:household_service", args=[case.pk]),
        {"member": member.pk, "kind": "follow_up", "served_on": TODAY.isoformat(), "channel": "phone"},
    )
    assert response.status_code == 302
    assert ServiceRecord.objects.get().resident == member


def test_household_page_shows_days_since_identification_against_the_deadline(staff_client, community, community_staff):
    from tests.factories.assistance import HouseholdCaseFactory, HouseholdFactory

    household = HouseholdFactory(community=community, zero_employment_since=TODAY - dt.timedelta(days=40))
    case = HouseholdCaseFactory(household=household, assigned_to=community_staff)
    body = staff_client.get(reverse("assistance:household_detail", args=[case.pk])).content.decode()
    deadline = (TODAY - dt.timedelta(days=10)).isoformat()
    assert "认定后天数" in body
    assert "40 天" in body and "期限 30 天" in body and deadline in body
    assert "已超过期限 10 天" in body
    listing = staff_client.get(reverse("assistance:household_list")).content.decode()
    assert "40 / 30" in listing


def test_household_case_closed_from_its_page_with_a_reason(staff_client, community, community_staff):
    from tests.factories.assistance import HouseholdCaseFactory, HouseholdFactory

    household = HouseholdFactory(community=community, zero_employment_since=TODAY - dt.timedelta(days=5))
    case = HouseholdCaseFactory(household=household, assigned_to=community_staff)
    url = reverse("assistance:household_close", args=[case.pk])
    refused = staff_client.post(url, {"reason": "member_in_work"})
    assert refused.status_code == 400
    assert staff_client.post(url, {"reason": "moved_away"}).status_code == 302
    case.refresh_from_db()
    assert (case.status, case.close_reason) == ("closed", "moved_away")
    page = staff_client.get(reverse("assistance:household_detail", args=[case.pk])).content.decode()
    assert "迁出本社区" in page


def test_household_page_offers_closing_only_while_the_case_is_open(staff_client, community, community_staff):
    from tests.factories.assistance import HouseholdCaseFactory, HouseholdFactory

    household = HouseholdFactory(community=community, zero_employment_since=TODAY - dt.timedelta(days=5))
    case = HouseholdCaseFactory(household=household, assigned_to=community_staff)
    detail = reverse("assistance:household_detail", args=[case.pk])
    close_action = f'action="{reverse("assistance:household_close", args=[case.pk])}"'
    assert close_action in staff_client.get(detail).content.decode()
    assert (
        staff_client.post(reverse("assistance:household_close", args=[case.pk]), {"reason": "moved_away"}).status_code
        == 302
    )
    assert close_action not in staff_client.get(detail).content.decode()
