import datetime as dt

from assistance import selectors
from assistance.models import CaseStatus
from stations.models import ServiceKind


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
