from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from entrepreneurship.models import BorrowerKind, GuaranteeLoan


def test_a_micro_enterprise_loan_over_the_plans_term_and_without_its_enterprise_is_refused():
    loan = GuaranteeLoan(borrower_kind=BorrowerKind.MICRO_ENTERPRISE, amount=Decimal("100000"), term_months=36)
    with pytest.raises(ValidationError) as refused:
        loan.clean()
    assert set(refused.value.message_dict) == {"term_months", "business"}


def test_an_individual_loan_within_the_limits_is_clean():
    GuaranteeLoan(borrower_kind=BorrowerKind.INDIVIDUAL, amount=Decimal("500000"), term_months=36).clean()
