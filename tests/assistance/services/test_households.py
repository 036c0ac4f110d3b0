import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from assistance import services
from assistance.services import household_service_record
from stations.closed_months import ClosedMonthError
from stations.models import AuditEntry, ServiceRecord
from tests.assistance.conftest import TODAY
from tests.factories.assistance import HouseholdCaseFactory, HouseholdFactory
from tests.factories.reports import close_month, day_in
from tests.factories.residents import ResidentFactory


@pytest.fixture
def zero_household(community, community_staff):
    """A couple out of work (a zero-employment household) with an open case."""
    import datetime as dt

    from assistance.models import HouseholdCase
    from stations.services.residents import household_zero_employment_refresh
    from tests.factories.assistance import HouseholdFactory
    from tests.factories.residents import valid_id_number

    household = HouseholdFactory(community=community)
    members = [
        ResidentFactory(
            community=community,
            household=household,
            employment_status="unemployed",
            id_number=valid_id_number(birth=dt.date(1985, 5, 1), male=male),
        )
        for male in (True, False)
    ]
    household_zero_employment_refresh(household=household, on=TODAY - dt.timedelta(days=40))
    household.refresh_from_db()
    case = services.household_case_open(actor=community_staff, household=household, assigned_to=community_staff)
    HouseholdCase.objects.filter(pk=case.pk).update(opened_on=TODAY - dt.timedelta(days=30))
    case.refresh_from_db()
    return household, members, case


def test_household_case_closes_itself_when_a_member_moves_into_work(zero_household, community_staff):
    import datetime as dt

    from assistance.models import HouseholdCaseStatus, HouseholdCloseReason
    from stations.services.residents import resident_employment_status_change

    household, members, case = zero_household
    started = TODAY - dt.timedelta(days=3)
    resident_employment_status_change(actor=community_staff, resident=members[1], status="employed", changed_on=started)
    case.refresh_from_db()
    assert (case.status, case.close_reason, case.closed_on) == (
        HouseholdCaseStatus.CLOSED,
        HouseholdCloseReason.MEMBER_IN_WORK,
        started,
    )
    assert members[1].name in case.close_note
    entry = AuditEntry.objects.get(object_id=str(case.pk), action="transition")
    assert entry.actor is None
    assert entry.changes["close_reason"] == "member_in_work"
    assert entry.changes["status"] == ["open", "closed"]


def test_household_case_stays_open_while_nobody_works(zero_household, community_staff):
    import datetime as dt

    from stations.services.residents import resident_employment_status_change

    _household, members, case = zero_household
    resident_employment_status_change(
        actor=community_staff,
        resident=members[0],
        status="not_in_labour_force",
        changed_on=TODAY - dt.timedelta(days=1),
    )
    case.refresh_from_db()
    assert case.is_open


def test_nightly_refresh_closes_the_case_of_a_household_now_in_work(zero_household):
    from assistance.models import HouseholdCloseReason
    from stations.models import Resident
    from stations.services.residents import household_zero_employment_refresh_all

    _household, members, case = zero_household
    # An edit that bypassed the status service (an old import, a data fix).
    Resident.objects.filter(pk=members[0].pk).update(employment_status="flexible")
    household_zero_employment_refresh_all(on=TODAY)
    case.refresh_from_db()
    assert (case.status, case.close_reason, case.closed_on) == ("closed", HouseholdCloseReason.MEMBER_IN_WORK, TODAY)
    assert AuditEntry.objects.filter(object_id=str(case.pk), action="transition", actor__isnull=True).exists()


def test_nightly_refresh_closes_cases_left_open_by_a_flag_cleared_earlier(zero_household):
    from assistance.models import HouseholdCloseReason
    from stations.models import Household, Resident
    from stations.services.residents import household_zero_employment_refresh_all

    household, members, case = zero_household
    Resident.objects.filter(pk=members[0].pk).update(employment_status="employed")
    Household.objects.filter(pk=household.pk).update(zero_employment_since=None)  # cleared before this rule
    household_zero_employment_refresh_all(on=TODAY)
    case.refresh_from_db()
    assert case.close_reason == HouseholdCloseReason.MEMBER_IN_WORK


def test_household_without_a_member_of_working_age_closes_with_that_reason(zero_household, community_staff):
    from assistance.models import HouseholdCloseReason
    from stations.services.residents import resident_household_leave

    _household, members, case = zero_household
    for member in members:
        resident_household_leave(actor=community_staff, resident=member)
    case.refresh_from_db()
    assert case.close_reason == HouseholdCloseReason.NO_WORKING_AGE_MEMBER


def test_household_case_closed_by_hand_needs_a_reason_the_registry_cannot_see(zero_household, community_staff):
    _household, _members, case = zero_household
    with pytest.raises(ValidationError) as err:
        services.household_case_close(actor=community_staff, case=case, reason="member_in_work")
    assert "reason" in err.value.message_dict
    with pytest.raises(ValidationError):
        services.household_case_close(actor=community_staff, case=case, reason="other", note=" ")
    closed = services.household_case_close(actor=community_staff, case=case, reason="moved_away")
    assert (closed.status, closed.close_reason) == ("closed", "moved_away")


def test_a_household_follow_up_dated_in_a_closed_month_is_refused(community_staff, community, month):
    household = HouseholdFactory(community=community, zero_employment_since=month.start - dt.timedelta(days=60))
    member = ResidentFactory(community=community, household=household)
    case = HouseholdCaseFactory(household=household, assigned_to=community_staff)
    close_month(community=community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        household_service_record(actor=community_staff, case=case, member=member, served_on=day_in(month))
    assert not ServiceRecord.objects.exists()


def test_a_household_close_from_a_stale_page_is_refused_after_a_colleagues(zero_household, community_staff):
    from assistance.models import HouseholdCase

    _household, _members, case = zero_household
    stale = HouseholdCase.objects.get(pk=case.pk)
    services.household_case_close(actor=community_staff, case=case, reason="moved_away")
    with pytest.raises(ValidationError) as err:
        services.household_case_close(actor=community_staff, case=stale, reason="declined")
    assert err.value.messages == [gettext("This case is already closed.")]
    entries = AuditEntry.objects.filter(object_id=str(case.pk), action="transition")
    assert [e.changes["close_reason"] for e in entries] == ["moved_away"]
