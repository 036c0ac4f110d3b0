import io

from django.urls import reverse
from openpyxl import load_workbook

from tests.factories.jobs import EmployerFactory, LabourSurveyFactory


def test_export_lists_employers_and_surveys_in_scope_only(client, community, far_community, community_staff):
    survey = LabourSurveyFactory(employer=EmployerFactory(community=community, name="=cmd()"))
    EmployerFactory(community=far_community, name="外区单位")
    client.force_login(community_staff)
    response = client.get(reverse("jobs:employer_export"))
    wb = load_workbook(io.BytesIO(response.content))
    names = [row[0] for row in wb.worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert names == ["'=cmd()"]
    assert wb.worksheets[1].cell(row=2, column=12).value == survey.headcount
