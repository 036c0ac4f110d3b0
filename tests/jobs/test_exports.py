import io

from django.urls import reverse
from openpyxl import load_workbook

from jobs.models import Employer
from tests.factories.jobs import EmployerFactory, LabourSurveyFactory, valid_credit_code


def test_export_lists_employers_and_surveys_in_scope_only(client, community, far_community, community_staff):
    survey = LabourSurveyFactory(employer=EmployerFactory(community=community, name="=cmd()"))
    EmployerFactory(community=far_community, name="外区单位")
    client.force_login(community_staff)
    response = client.get(reverse("jobs:employer_export"))
    wb = load_workbook(io.BytesIO(response.content))
    names = [row[0] for row in wb.worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert names == ["'=cmd()"]
    assert wb.worksheets[1].cell(row=2, column=12).value == survey.headcount


def test_survey_form_records_a_dated_survey(client, community, community_staff):
    employer = EmployerFactory(community=community)
    client.force_login(community_staff)
    response = client.post(
        reverse("jobs:employer_detail", kwargs={"pk": employer.pk}),
        {"surveyed_on": "2026-01-10", "headcount": 30, "shortage": 4, "conditions": "包午餐"},
    )
    assert response.status_code == 302
    assert employer.surveys.get().shortage == 4


FULL_WIDTH = str.maketrans(
    "0123456789ABCDEFGHJKLMNPQRTUWXY", "０１２３４５６７８９ＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＴＵＷＸＹ"
)


def test_employer_form_takes_a_credit_code_typed_in_groups(client, community, community_staff):
    client.force_login(community_staff)
    code = valid_credit_code(21)
    grouped = " ".join(code[i : i + 4] for i in range(0, 18, 4)).translate(FULL_WIDTH)
    data = {
        "community": community.pk,
        "name": "运河物流",
        "credit_code": grouped,
        "legal_form": "company",
        "size": "small",
        "contact_name": "王",
        "contact_phone": "０６３２－３３１１２３４",
    }
    response = client.post(reverse("jobs:employer_create"), data)
    assert response.status_code == 302, response.context["form"].errors
    employer = Employer.objects.get()
    assert (employer.credit_code, employer.contact_phone) == (code, "0632-3311234")


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
