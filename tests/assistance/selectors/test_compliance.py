import datetime as dt

from assistance import selectors
from assistance.models import CaseStatus, CloseReason
from stations.models import ServiceKind
from tests.assistance.conftest import ALL4, TODAY


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
