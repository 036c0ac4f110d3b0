"""Staff pages of employers: labour surveys, the list."""

import pytest
from django.urls import reverse

from jobs.models import (
    PostingStatus,
)
from tests.factories.jobs import (
    EmployerFactory,
    LabourSurveyFactory,
    PostingFactory,
)


def test_survey_form_records_a_dated_survey(client, community, community_staff):
    employer = EmployerFactory(community=community)
    client.force_login(community_staff)
    response = client.post(
        reverse("jobs:employer_detail", kwargs={"pk": employer.pk}),
        {"surveyed_on": "2026-01-10", "headcount": 30, "shortage": 4, "conditions": "包午餐"},
    )
    assert response.status_code == 302
    assert employer.surveys.get().shortage == 4


def test_a_second_survey_on_the_same_date_is_refused_with_a_clear_message(client, community, community_staff):
    employer = EmployerFactory(community=community)
    LabourSurveyFactory(employer=employer, surveyed_on="2026-01-10")
    client.force_login(community_staff)
    client.cookies["django_language"] = "en"

    response = client.post(
        reverse("jobs:employer_detail", kwargs={"pk": employer.pk}),
        {"surveyed_on": "2026-01-10", "headcount": 30, "shortage": 4},
    )

    assert response.status_code == 400
    assert response.context["survey_form"].errors["surveyed_on"] == [
        "This employer already has a survey dated 2026-01-10. Choose another date, "
        "or correct that survey instead of recording a second one."
    ]
    assert employer.surveys.count() == 1


@pytest.mark.parametrize("name", ["jobs:employer_list"])
def test_staff_lists_run_a_bounded_number_of_queries(
    client, community, community_staff, name, django_assert_max_num_queries
):
    for _ in range(3):
        PostingFactory(employer__community=community, status=PostingStatus.PENDING, published_at=None)
    client.force_login(community_staff)
    with django_assert_max_num_queries(14):
        assert client.get(reverse(name)).status_code == 200
