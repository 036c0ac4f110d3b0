"""Staff reads of employers."""

import pytest
from django.http import Http404

from jobs import selectors
from tests.factories.jobs import EmployerFactory


def test_a_credit_code_held_anywhere_in_the_city_is_taken(community_staff, far_community):
    employer = EmployerFactory(community=far_community)

    assert selectors.employer_credit_code_taken(code=employer.credit_code)
    assert not selectors.employer_credit_code_taken(code=employer.credit_code, exclude_pk=employer.pk)


@pytest.mark.parametrize(
    ("getter", "make"),
    [
        (selectors.employer_get, lambda c: EmployerFactory(community=c)),
    ],
)
def test_a_record_of_another_area_answers_like_a_missing_one(getter, make, community_staff, far_community):
    record = make(far_community)

    with pytest.raises(Http404):
        getter(user=community_staff, pk=record.pk)
    with pytest.raises(Http404):
        getter(user=community_staff, pk=record.pk + 1000)
