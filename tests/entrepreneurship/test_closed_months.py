"""Startups, subsidies and loans against a closed month."""

import datetime as dt
from decimal import Decimal

import pytest

from entrepreneurship.models import ApplicationStatus, Business, BusinessKind, GuaranteeLoan, LoanStatus, Transition
from entrepreneurship.services import business_register, guarantee_loan_record, subsidy_application_transition
from stations.closed_months import ClosedMonthError
from stations.models import EmploymentStatus
from tests.factories import ResidentFactory
from tests.factories.entrepreneurship import BusinessFactory, SubsidyApplicationFactory, valid_credit_code
from tests.factories.reports import close_month, day_in, last_month

pytestmark = pytest.mark.django_db


@pytest.fixture
def month():
    return last_month()


@pytest.fixture
def founder(community):
    return ResidentFactory(community=community, employment_status=EmploymentStatus.SELF_EMPLOYED)


def test_a_startup_registered_in_a_closed_month_cannot_be_recorded(community_staff, community, founder, month):
    close_month(community=community, by=community_staff)
    business = Business(
        kind=BusinessKind.INDIVIDUAL_BUSINESS,
        name="新开小店",
        credit_code=valid_credit_code(9001),
        registered_on=day_in(month),
        community=community,
        jobs_created=2,
    )
    with pytest.raises(ClosedMonthError):
        business_register(actor=community_staff, business=business, founders=[founder])
    assert not Business.objects.exists()


def test_the_jobs_of_a_startup_of_a_closed_month_cannot_change(community_staff, community, founder, month):
    business = BusinessFactory(community=community, registered_on=day_in(month), founders=[founder])
    close_month(community=community, by=community_staff)
    business.jobs_created = 5
    with pytest.raises(ClosedMonthError):
        business_register(actor=community_staff, business=business, founders=[founder])


def test_a_payment_dated_in_a_closed_month_is_refused(district_bureau, community, founder, month):
    application = SubsidyApplicationFactory(
        resident=founder, status=ApplicationStatus.APPROVED, approved_amount=Decimal("2000")
    )
    close_month(community=community)
    with pytest.raises(ClosedMonthError) as refused:
        subsidy_application_transition(
            actor=district_bureau,
            application=application,
            transition=Transition.PAY,
            paid_on=day_in(month),
            payment_reference="FK-001",
        )
    assert refused.value.changes[0].figures["subsidies_paid"] == (0.0, 1.0)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_a_payment_recorded_today_for_a_closed_month_counts_in_the_month_it_was_paid(
    district_bureau, community, founder
):
    application = SubsidyApplicationFactory(
        resident=founder, status=ApplicationStatus.APPROVED, approved_amount=Decimal("2000")
    )
    close_month(community=community)
    subsidy_application_transition(
        actor=district_bureau,
        application=application,
        transition=Transition.PAY,
        paid_on=dt.date.today(),
        payment_reference="FK-002",
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PAID


def test_a_loan_granted_in_a_closed_month_cannot_be_recorded(community_staff, founder, month):
    close_month(community=founder.community, by=community_staff)
    loan = GuaranteeLoan(
        borrower_kind="individual",
        resident=founder,
        bank="枣庄农商银行",
        amount=Decimal("100000"),
        term_months=24,
        status=LoanStatus.GRANTED,
        granted_on=day_in(month),
    )
    with pytest.raises(ClosedMonthError):
        guarantee_loan_record(actor=community_staff, loan=loan)
    assert not GuaranteeLoan.objects.exists()
