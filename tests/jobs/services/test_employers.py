"""The job market's writes against a closed month: surveys, employers moved
between communities, the employers import, published postings,
recommendations and hires."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import Workbook

from jobs import services
from jobs.models import LabourSurvey, Placement, PostingStatus, Recommendation, RecommendationState
from stations.closed_months import ClosedMonthError
from stations.models import ServiceRecord
from tests.factories import ResidentFactory
from tests.factories.jobs import EmployerFactory, LabourSurveyFactory, PostingFactory, RecommendationFactory
from tests.factories.reports import close_month, day_in, last_month

pytestmark = pytest.mark.django_db


@pytest.fixture
def month():
    return last_month()


@pytest.fixture
def employer(community):
    return EmployerFactory(community=community)


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


def test_the_employers_import_marks_a_survey_dated_in_a_closed_month(community_staff, employer, month):
    close_month(community=employer.community, by=community_staff)
    wb = Workbook()
    ws = wb.active
    ws.append(["单位名称", "统一社会信用代码", "社区代码", "调查日期", "用工数量", "缺工人数"])
    ws.append([employer.name, employer.credit_code, employer.community.code, day_in(month).isoformat(), 12, 3])
    buffer = io.BytesIO()
    wb.save(buffer)
    batch = services.employer_import_batch_create(actor=community_staff, filename="a.xlsx", data=buffer.getvalue())
    assert [(e["row"], e["field"]) for e in batch.errors] == [(2, "surveyed_on")]
    assert month.label in batch.errors[0]["message"]
    assert not LabourSurvey.objects.exists()


def test_a_posting_published_in_a_closed_month_keeps_its_headcount(community_staff, employer, month):
    published = timezone.make_aware(dt.datetime.combine(day_in(month), dt.time(10)))
    posting = PostingFactory(employer=employer, headcount=2, published_at=published)
    close_month(community=employer.community, by=community_staff)
    posting.headcount = 6
    with pytest.raises(ClosedMonthError):
        services.posting_save(actor=community_staff, posting=posting)
    posting.refresh_from_db()
    assert posting.headcount == 2


def test_a_posting_published_in_a_closed_month_can_still_get_a_new_contact(community_staff, employer, month):
    published = timezone.make_aware(dt.datetime.combine(day_in(month), dt.time(10)))
    posting = PostingFactory(employer=employer, published_at=published)
    close_month(community=employer.community, by=community_staff)
    posting.contact_name = "赵主任"
    services.posting_save(actor=community_staff, posting=posting)
    posting.refresh_from_db()
    assert posting.contact_name == "赵主任"


def test_a_recommendation_dated_in_a_closed_month_is_refused(community_staff, employer, month):
    posting = PostingFactory(employer=employer, valid_from=month.start - dt.timedelta(days=1))
    resident = ResidentFactory(community=employer.community)
    close_month(community=employer.community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        services.recommendation_create(
            actor=community_staff, resident=resident, posting=posting, recommended_on=day_in(month)
        )
    assert not Recommendation.objects.exists()
    assert not ServiceRecord.objects.exists()


def test_a_hire_that_started_in_a_closed_month_is_refused(community_staff, employer, month):
    posting = PostingFactory(employer=employer, status=PostingStatus.PUBLISHED)
    resident = ResidentFactory(community=employer.community)
    recommendation = RecommendationFactory(
        resident=resident, posting=posting, recommended_on=day_in(month, 2), staff=community_staff
    )
    close_month(community=employer.community, by=community_staff)
    with pytest.raises(ClosedMonthError):
        services.recommendation_transition(
            actor=community_staff,
            recommendation=recommendation,
            transition="hire",
            started_on=day_in(month, 20),
            contract_months=12,
        )
    recommendation.refresh_from_db()
    assert recommendation.state == RecommendationState.RECOMMENDED
    assert not Placement.objects.exists()
