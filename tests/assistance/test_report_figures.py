import datetime as dt

from assistance.models import CaseStatus, CloseReason
from assistance.report_figures import compute
from stations.figures import Period
from tests.assistance.conftest import ALL4, TODAY


def _period_ending(day: dt.date) -> Period:
    return Period(day - dt.timedelta(days=29), day, "test")


def test_a_case_whose_year_ended_in_the_period_is_evaluated_and_counts_compliant_when_served(
    make_case, give, community
):
    served = make_case(opened_days_ago=370)
    for kind in ALL4:
        give(served, kind, 10, 40, 100, 200)
    make_case(opened_days_ago=370)  # nothing given
    figures = compute(period=_period_ending(TODAY - dt.timedelta(days=1)), community_ids=None)[community.pk]
    assert (figures["cases_evaluated"], figures["cases_compliant"]) == (2, 1)


def test_a_case_closed_early_for_work_counts_as_helped_into_work(make_case, community):
    case = make_case(opened_days_ago=60)
    case.status, case.close_reason, case.closed_on = CaseStatus.EMPLOYED, CloseReason.FOUND_WORK, TODAY
    case.save()
    figures = compute(period=_period_ending(TODAY), community_ids=None)[community.pk]
    assert (figures["cases_evaluated"], figures["helped_into_work"]) == (1, 1)


def test_an_open_case_behind_schedule_is_overdue_at_the_end_of_the_period(make_case, community):
    make_case(opened_days_ago=120)
    figures = compute(period=_period_ending(TODAY), community_ids=None)[community.pk]
    assert figures["cases_overdue"] == 1
    assert figures["overdue_items"] >= 1
