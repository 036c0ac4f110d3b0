"""Employers and labour surveys: what a closed month keeps (surveys dated in
it, an employer surveyed in it moving to another community)."""

import pytest
from django.utils import timezone

from jobs import services
from jobs.models import LabourSurvey
from stations.closed_months import ClosedMonthError
from tests.factories.jobs import LabourSurveyFactory
from tests.factories.reports import close_month, day_in

pytestmark = pytest.mark.django_db


def test_a_survey_dated_in_a_closed_month_cannot_be_recorded(community_staff, employer, month):
    close_month(community=employer.community, by=community_staff)
    survey = LabourSurvey(employer=employer, surveyed_on=day_in(month), headcount=10, shortage=2)
    with pytest.raises(ClosedMonthError):
        services.labour_survey_save(actor=community_staff, survey=survey)
    assert not LabourSurvey.objects.exists()


def test_a_survey_of_a_closed_month_cannot_be_moved_to_another_date(community_staff, employer, month):
    survey = LabourSurveyFactory(employer=employer, surveyed_on=day_in(month))
    close_month(community=employer.community, by=community_staff)
    survey.surveyed_on = timezone.localdate()
    with pytest.raises(ClosedMonthError):
        services.labour_survey_save(actor=community_staff, survey=survey)


def test_an_employer_surveyed_in_a_closed_month_cannot_move_to_another_community(
    community_staff, employer, sibling_community, month, street_officer
):
    LabourSurveyFactory(employer=employer, surveyed_on=day_in(month))
    close_month(community=employer.community, by=community_staff)
    employer.community = sibling_community
    with pytest.raises(ClosedMonthError):
        services.employer_save(actor=street_officer, employer=employer)
