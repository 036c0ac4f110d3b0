import datetime as dt

from assistance import selectors
from assistance.models import CaseStatus, CloseReason
from stations.models import ServiceKind, TargetGroup, TargetGroupCode
from tests.factories.residents import ResidentFactory

from .conftest import ALL4, TODAY


def test_counts_only_services_within_the_first_year(make_case, give, community_staff):
    case = make_case(opened_days_ago=400)
    give(case, ServiceKind.POLICY_CONTACT, -5, 0, 100, 370)  # before, first day, inside, after the year
    give(case, ServiceKind.FOLLOW_UP, 10)  # not a counted kind
    row = selectors.case_list(user=community_staff, filters={}).get(pk=case.pk)
    assert selectors.counts_of(row)["policy_contact"] == 2


def test_counts_stop_at_the_closing_date(make_case, give, community_staff):
    case = make_case(opened_days_ago=200)
    give(case, ServiceKind.CAREER_GUIDANCE, 10, 50, 90)
    case.status, case.closed_on, case.close_reason = (
        CaseStatus.EMPLOYED,
        case.opened_on + dt.timedelta(days=60),
        "found_work",
    )
    case.save()
    row = selectors.case_get(user=community_staff, pk=case.pk)
    assert selectors.counts_of(row)["career_guidance"] == 2


def test_a_closed_cases_services_end_on_its_closing_day(make_case, give, community_staff):
    case = make_case(opened_days_ago=200)
    give(case, ServiceKind.CAREER_GUIDANCE, -1, 10, 60, 90)  # before opening, inside, the closing day, after
    case.status, case.closed_on, case.close_reason = (
        CaseStatus.EMPLOYED,
        case.opened_on + dt.timedelta(days=60),
        "found_work",
    )
    case.save()
    served = [s.served_on for s in selectors.case_services(case=case)]
    assert served == [case.opened_on + dt.timedelta(days=60), case.opened_on + dt.timedelta(days=10)]


def test_an_open_cases_services_run_to_today(make_case, give):
    case = make_case(opened_days_ago=100)
    give(case, ServiceKind.CAREER_GUIDANCE, 10, 99)
    assert selectors.case_services(case=case).count() == 2


def test_ledger_list_takes_the_same_queries_for_three_or_thirty_cases(
    make_case, give, community_staff, django_assert_num_queries
):
    for _ in range(3):
        give(make_case(), ServiceKind.POLICY_CONTACT, 1)
    schedule = selectors.current_schedule()
    with django_assert_num_queries(1):
        rows = [selectors.progress_of(c, schedule=schedule) for c in selectors.case_list(user=community_staff)]
    assert len(rows) == 3
    for _ in range(27):
        give(make_case(), ServiceKind.POLICY_CONTACT, 1)
    schedule = selectors.current_schedule()
    with django_assert_num_queries(1):
        rows = [selectors.progress_of(c, schedule=schedule) for c in selectors.case_list(user=community_staff)]
    assert len(rows) == 30


def test_overdue_filter_matches_the_progress_function(make_case, give, community_staff):
    late = make_case(opened_days_ago=120)  # month 3 passed, nothing done
    on_time = make_case(opened_days_ago=120)
    for kind in ALL4:
        give(on_time, kind, 5)
    fresh = make_case(opened_days_ago=10)
    overdue = set(selectors.case_list(user=community_staff, filters={"overdue": "1"}).values_list("pk", flat=True))
    assert overdue == {late.pk}
    for case in (late, on_time, fresh):
        row = selectors.case_get(user=community_staff, pk=case.pk)
        assert selectors.progress_of(row).is_overdue == (case.pk in overdue)


def test_due_this_week_filter_finds_a_case_whose_month_three_ends_in_five_days(make_case, community_staff):
    opened = selectors_opening_for_due_in(5)
    case = make_case(opened_days_ago=(TODAY - opened).days)
    later = make_case(opened_days_ago=10)
    due_ids = set(selectors.case_list(user=community_staff, filters={"due": "week"}).values_list("pk", flat=True))
    assert case.pk in due_ids
    assert later.pk not in due_ids


def selectors_opening_for_due_in(days):
    from assistance.schedule import latest_opening_due_by

    return latest_opening_due_by(TODAY + dt.timedelta(days=days), 3)


def test_unemployed_resident_without_an_open_case_is_proposed(community, community_staff, make_case):
    waiting = ResidentFactory(community=community, employment_status="unemployed")
    has_case = make_case().resident
    employed = ResidentFactory(community=community, employment_status="employed")
    proposed = set(selectors.proposed_residents(user=community_staff).values_list("pk", flat=True))
    assert waiting.pk in proposed
    assert has_case.pk not in proposed
    assert employed.pk not in proposed


def test_hard_to_employ_resident_in_work_is_proposed(community, community_staff):
    resident = ResidentFactory(community=community, employment_status="flexible")
    group, _ = TargetGroup.objects.get_or_create(code=TargetGroupCode.HARD_TO_EMPLOY)
    resident.target_groups.add(group)
    assert resident in selectors.proposed_residents(user=community_staff)


def test_proposals_stay_in_scope(other_community, community_staff):
    ResidentFactory(community=other_community, employment_status="unemployed")
    assert not selectors.proposed_residents(user=community_staff).exists()


def _complete_year(case, give, *, upto_days=300):
    give(case, ServiceKind.POLICY_CONTACT, 10, upto_days)
    for kind in ALL4[1:]:
        give(case, kind, 10, 100, upto_days)


def test_community_compliance_matches_a_hand_count(make_case, give, community, street_officer):
    """Hand count for the period of the last 60 days:
    A year ended 10 days ago, all counts met                   -> compliant
    B year ended 20 days ago, one training push short           -> not
    C closed for work 30 days ago in month 4, month-3 minimums met -> compliant, helped into work
    D closed for work in month 7, only month-3 minimums met     -> not (month 6 minimums due), helped into work
    E year ends in 30 days (not yet judged)                     -> not counted
    F year ended 200 days ago (outside the period)              -> not counted
    => 2 compliant of 4; 2 helped into work, 1 of them compliant."""
    a = make_case(opened_days_ago=365 + 10)
    _complete_year(a, give)
    b = make_case(opened_days_ago=365 + 20)
    give(b, ServiceKind.POLICY_CONTACT, 10, 300)
    give(b, ServiceKind.CAREER_GUIDANCE, 10, 100, 300)
    give(b, ServiceKind.JOB_RECOMMENDATION, 10, 100, 300)
    give(b, ServiceKind.TRAINING_INFORMATION, 10, 100)
    c = make_case(opened_days_ago=150)
    for kind in ALL4:
        give(c, kind, 20)
    c.status, c.closed_on, c.close_reason = CaseStatus.EMPLOYED, TODAY - dt.timedelta(days=30), CloseReason.FOUND_WORK
    c.save()
    d = make_case(opened_days_ago=250)
    for kind in ALL4:
        give(d, kind, 20)
    d.status, d.closed_on, d.close_reason = (
        CaseStatus.EMPLOYED,
        d.opened_on + dt.timedelta(days=200),
        CloseReason.FOUND_WORK,
    )
    d.save()
    e = make_case(opened_days_ago=365 - 30)
    _complete_year(e, give, upto_days=200)
    make_case(opened_days_ago=365 + 200)
    rows = selectors.compliance_by_node(
        user=street_officer, period_start=TODAY - dt.timedelta(days=60), period_end=TODAY, level="community"
    )
    assert rows == [
        {
            "level": "community",
            "key": community.pk,
            "label": community.name,
            "cases": 4,
            "compliant": 2,
            "helped_into_work": 2,
            "helped_into_work_compliant": 1,
            "rate": 0.5,
        }
    ]


def test_compliance_per_staff_member_splits_by_assignee(make_case, give, community, community_staff):
    from tests.factories.users import UserFactory

    colleague = UserFactory(community=community)
    mine = make_case(opened_days_ago=370)
    _complete_year(mine, give)
    make_case(opened_days_ago=370, assigned_to=colleague)
    rows = selectors.compliance_by_node(
        user=community_staff, period_start=TODAY - dt.timedelta(days=30), period_end=TODAY, level="staff"
    )
    by_key = {r["key"]: (r["cases"], r["compliant"]) for r in rows}
    assert by_key == {community_staff.pk: (1, 1), colleague.pk: (1, 0)}


def test_compliance_takes_one_query_for_many_cases(make_case, community_staff, django_assert_num_queries):
    for _ in range(12):
        make_case(opened_days_ago=370)
    with django_assert_num_queries(2):  # the schedule parameter + the cases
        rows = selectors.compliance_by_node(
            user=community_staff, period_start=TODAY - dt.timedelta(days=30), period_end=TODAY, level="district"
        )
    assert rows[0]["cases"] == 12


def test_todo_lists_my_overdue_and_new_cases(make_case, community_staff):
    overdue = make_case(opened_days_ago=120)
    new = make_case(opened_days_ago=2)
    todo = selectors.todo_for(user=community_staff)
    assert [i.case.pk for i in todo["overdue"]] == [overdue.pk]
    assert [i.case.pk for i in todo["new_cases"]] == [new.pk]


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
