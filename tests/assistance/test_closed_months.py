"""The hardship ledger against a closed month: cases opened or closed in it,
and services recorded for a case or a household in it."""

import datetime as dt

import pytest

from assistance.models import AssistanceCase, CloseReason
from assistance.services import case_close, case_open, case_service_record, household_service_record
from stations.closed_months import ClosedMonthError
from stations.models import ServiceKind, ServiceRecord
from tests.factories import ResidentFactory
from tests.factories.assistance import HouseholdCaseFactory, HouseholdFactory
from tests.factories.reports import close_month, day_in, last_month

pytestmark = pytest.mark.django_db


@pytest.fixture
def month():
    return last_month()


def test_a_case_opened_in_a_closed_month_is_refused(community_staff, community, month):
    resident = ResidentFactory(community=community)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        case_open(actor=community_staff, resident=resident, assigned_to=community_staff, opened_on=day_in(month))
    assert not AssistanceCase.objects.exists()


def test_a_case_closed_on_a_day_in_a_closed_month_is_refused(community_staff, community, make_case, month):
    case = make_case(opened_days_ago=(dt.date.today() - month.start).days + 30)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        case_close(actor=community_staff, case=case, reason=CloseReason.MOVED_AWAY, closed_on=day_in(month))
    case.refresh_from_db()
    assert case.is_open


def test_a_service_for_a_case_dated_in_a_closed_month_is_refused(community_staff, community, make_case, month):
    case = make_case(opened_days_ago=(dt.date.today() - month.start).days + 30)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError) as refused:
        case_service_record(actor=community_staff, case=case, kind=ServiceKind.CAREER_GUIDANCE, served_on=day_in(month))
    assert refused.value.call["op"] == "assistance.services.case_service_record"
    assert not ServiceRecord.objects.exists()


def test_a_household_follow_up_dated_in_a_closed_month_is_refused(community_staff, community, month):
    household = HouseholdFactory(community=community, zero_employment_since=month.start - dt.timedelta(days=60))
    member = ResidentFactory(community=community, household=household)
    case = HouseholdCaseFactory(household=household, assigned_to=community_staff)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        household_service_record(actor=community_staff, case=case, member=member, served_on=day_in(month))
    assert not ServiceRecord.objects.exists()


def test_the_api_refuses_a_service_in_a_closed_month_with_400(client, community_staff, community, make_case, month):
    case = make_case(opened_days_ago=(dt.date.today() - month.start).days + 30)
    close_month(community=community, by=community_staff)
    client.force_login(community_staff)
    response = client.post(
        f"/api/v1/assistance/cases/{case.pk}/services/",
        {"kind": ServiceKind.CAREER_GUIDANCE, "served_on": day_in(month).isoformat(), "channel": "phone"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not ServiceRecord.objects.exists()
