"""Staff pages of employers: labour surveys, the list."""

from django.urls import reverse

from tests.factories.jobs import EmployerFactory, LabourSurveyFactory


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
