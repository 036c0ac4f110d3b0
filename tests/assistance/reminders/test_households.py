import datetime as dt

from assistance.reminders import reminders_send
from stations.models import Notification
from tests.assistance.conftest import TODAY


def test_household_placement_reminder_once(community, community_staff):
    from tests.factories.assistance import HouseholdCaseFactory, HouseholdFactory

    household = HouseholdFactory(community=community, zero_employment_since=TODAY - dt.timedelta(days=40))
    HouseholdCaseFactory(household=household, assigned_to=community_staff)
    first = reminders_send(today=TODAY)
    second = reminders_send(today=TODAY)
    assert (first.sent, second.sent) == (1, 0)
    assert Notification.objects.get().kind == "assistance.household_overdue"


def test_household_past_its_deadline_reaches_the_street_then_the_district(
    community, community_staff, street_officer, district_bureau
):
    from tests.factories.assistance import HouseholdCaseFactory, HouseholdFactory

    household = HouseholdFactory(community=community, zero_employment_since=TODAY - dt.timedelta(days=200))
    HouseholdCaseFactory(household=household, assigned_to=community_staff)
    reminders_send(today=TODAY)
    reminders_send(today=TODAY)
    kinds = dict(Notification.objects.values_list("recipient__username", "kind"))
    assert kinds == {
        street_officer.username: "assistance.household_escalated",
        district_bureau.username: "assistance.household_escalated_district",
    }
