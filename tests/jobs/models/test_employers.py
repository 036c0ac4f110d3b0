import pytest
from django.core.exceptions import ValidationError

from jobs.models import Employer
from tests.factories.jobs import (
    valid_credit_code,
)


@pytest.mark.django_db
def test_employer_credit_code_is_normalised_and_checked(community):
    code = valid_credit_code(42)
    employer = Employer(
        community=community, name="x", credit_code=code.lower(), contact_name="a", contact_phone="0632-1"
    )
    employer.full_clean()
    assert employer.credit_code == code
    employer.credit_code = code[:-1] + ("0" if code[-1] != "0" else "1")
    with pytest.raises(ValidationError) as exc:
        employer.full_clean()
    assert "credit_code" in exc.value.message_dict
