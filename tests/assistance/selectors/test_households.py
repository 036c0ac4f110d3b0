import datetime as dt

from assistance import selectors
from tests.assistance.conftest import TODAY
from tests.factories.residents import ResidentFactory


def test_household_case_reads_work_from_the_employment_history(community, community_staff):
    from stations.models import EmploymentStatusChange
    from tests.factories.assistance import HouseholdCaseFactory, HouseholdFactory

    household = HouseholdFactory(community=community, zero_employment_since=TODAY - dt.timedelta(days=90))
    case = HouseholdCaseFactory(household=household, assigned_to=community_staff)
    member = ResidentFactory(community=community, household=household)
    EmploymentStatusChange.objects.create(resident=member, status="employed", changed_on=TODAY - dt.timedelta(days=60))
    row = selectors.household_case_get(user=community_staff, pk=case.pk)
    assert row.work_started_on == TODAY - dt.timedelta(days=60)
    assert selectors.household_progress_of(row).next_item is None


def test_household_deadline_is_a_policy_parameter(community, community_staff, city_bureau):
    from stations.services.policy import policy_parameter_set
    from tests.factories.assistance import HouseholdCaseFactory, HouseholdFactory

    household = HouseholdFactory(community=community, zero_employment_since=TODAY - dt.timedelta(days=40))
    case = HouseholdCaseFactory(household=household, assigned_to=community_staff)
    row = selectors.household_case_get(user=community_staff, pk=case.pk)
    assert selectors.household_progress_of(row, today=TODAY).overdue_days == 10
    policy_parameter_set(
        actor=city_bureau, key="assistance.household_placement_days", value=90, valid_from=TODAY - dt.timedelta(days=1)
    )
    progress = selectors.household_progress_of(row, today=TODAY)
    assert (progress.deadline_days, progress.days_left, progress.overdue_days) == (90, 50, 0)
