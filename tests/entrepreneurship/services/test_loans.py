from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from entrepreneurship.models import GuaranteeLoan, LoanStatus
from entrepreneurship.services import (
    guarantee_loan_record,
)
from stations.closed_months import ClosedMonthError
from tests.factories.entrepreneurship import BusinessFactory, GuaranteeLoanFactory
from tests.factories.reports import close_month, day_in

pytestmark = pytest.mark.django_db


def test_loan_over_the_individual_limit_is_refused_with_the_limit(community_staff, founder):
    loan = GuaranteeLoanFactory.build(resident=founder, community=founder.community, amount=Decimal("600000"))
    with pytest.raises(ValidationError) as excinfo:
        guarantee_loan_record(actor=community_staff, loan=loan)
    assert "500,000" in excinfo.value.message_dict["amount"][0]  # the limit is named, in any language


def test_loan_term_over_two_years_is_refused_for_a_micro_enterprise(community_staff, community, founder):
    company = BusinessFactory(community=community, kind="micro_enterprise", founders=[founder])
    loan = GuaranteeLoanFactory.build(
        resident=founder,
        community=community,
        borrower_kind="micro_enterprise",
        business=company,
        amount=Decimal("3000000"),
        term_months=36,
    )
    with pytest.raises(ValidationError) as excinfo:
        guarantee_loan_record(actor=community_staff, loan=loan)
    assert "term_months" in excinfo.value.message_dict


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
