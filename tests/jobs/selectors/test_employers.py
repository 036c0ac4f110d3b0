"""Staff reads of employers."""

from jobs import selectors
from tests.factories.jobs import EmployerFactory
from tests.jobs.selectors.conftest import answers_like_a_missing_one


def test_a_credit_code_held_anywhere_in_the_city_is_taken(community_staff, far_community):
    employer = EmployerFactory(community=far_community)

    assert selectors.employer_credit_code_taken(code=employer.credit_code)
    assert not selectors.employer_credit_code_taken(code=employer.credit_code, exclude_pk=employer.pk)


def test_an_employer_of_another_area_answers_like_a_missing_one(community_staff, far_community):
    answers_like_a_missing_one(
        selectors.employer_get, user=community_staff, record=EmployerFactory(community=far_community)
    )
