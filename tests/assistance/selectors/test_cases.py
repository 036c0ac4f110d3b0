import datetime as dt

from assistance import selectors
from assistance.models import CaseStatus
from stations.models import ServiceKind, TargetGroup, TargetGroupCode
from tests.assistance.conftest import ALL4, TODAY
from tests.factories.residents import ResidentFactory


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
