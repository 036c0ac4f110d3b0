from entrepreneurship.models import (
    LOAN_LIMITS,
    BorrowerKind,
    Business,
    GuaranteeLoan,
)
from stations.validators import normalize_credit_code
from tests.benchmarks.citygen.conftest import TINY


def test_city_businesses_have_valid_unique_credit_codes_and_a_founder(city):
    businesses = list(Business.objects.prefetch_related("founders"))
    assert len(businesses) == TINY["businesses"]
    for business in businesses:
        assert normalize_credit_code(business.credit_code) == business.credit_code
        assert business.founders.exists()


def test_city_loans_are_within_the_plans_limits(city):
    loans = list(GuaranteeLoan.objects.all())
    assert len(loans) == TINY["loans"]
    for loan in loans:
        amount, months = LOAN_LIMITS[loan.borrower_kind]
        assert 0 < loan.amount <= amount
        assert loan.term_months <= months
        assert loan.business_id or loan.borrower_kind == BorrowerKind.INDIVIDUAL
