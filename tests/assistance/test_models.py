import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from assistance.schedule import year_last_day
from tests.factories.assistance import HelpRequestFactory


def test_cleaning_a_case_sets_the_last_day_of_its_first_year(make_case):
    case = make_case(opened_days_ago=10)
    case.year_ends_on = None
    case.clean()
    assert case.year_ends_on == year_last_day(case.opened_on)


def test_a_case_cannot_close_before_it_opened(make_case):
    case = make_case(opened_days_ago=10)
    case.closed_on = case.opened_on - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        case.clean()
    assert "closed_on" in refused.value.message_dict


def test_a_help_request_is_quoted_by_a_six_digit_reference(community):
    request = HelpRequestFactory(community=community)
    assert request.reference == f"QZ{request.pk:06d}"


def test_an_open_case_offers_both_closing_steps_to_staff_and_none_to_a_district_bureau(
    make_case, community_staff, district_bureau
):
    case = make_case()
    assert [s.name for s in case.workflow.allowed(case, community_staff)] == ["close", "close_found_work"]
    assert case.workflow.allowed(case, district_bureau) == []


def test_an_answered_help_request_offers_no_step(community, community_staff):
    help_request = HelpRequestFactory(
        community=community, status="answered", reply="好", answered_at=dt.datetime.now(dt.UTC)
    )
    assert help_request.workflow.allowed(help_request, community_staff) == []
