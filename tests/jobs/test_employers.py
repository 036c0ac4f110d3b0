import io

from django.urls import reverse
from openpyxl import Workbook, load_workbook

from jobs.models import Employer, LabourSurvey
from tests.factories.jobs import EmployerFactory, LabourSurveyFactory, valid_credit_code

HEADERS = [
    "单位名称",
    "统一社会信用代码",
    "社区代码",
    "单位类型",
    "规模",
    "联系人",
    "联系电话",
    "调查日期",
    "用工数量",
    "缺工人数",
]


def xlsx(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "employers.xlsx"
    return buffer


def test_import_creates_employers_and_surveys(client, community, community_staff):
    client.force_login(community_staff)
    rows = [
        [
            "好邻居超市",
            valid_credit_code(11),
            community.code,
            "个体工商户",
            "Micro",
            "刘",
            "13863201111",
            "2026-01-05",
            12,
            2,
        ],
        ["运河物流", valid_credit_code(12), community.code, "company", "small", "王", "0632-3311234", "", "", ""],
    ]
    response = client.post(reverse("jobs:employer_import"), {"file": xlsx(rows)})
    assert response.status_code == 302, response.context["row_errors"]
    assert Employer.objects.count() == 2
    assert LabourSurvey.objects.get().shortage == 2


def test_import_is_all_or_nothing_with_row_numbers(client, community, far_community, community_staff):
    client.force_login(community_staff)
    rows = [
        ["好邻居超市", valid_credit_code(11), community.code, "company", "micro", "刘", "13863201111", "", "", ""],
        ["坏代码", "91370402ABCDEFGH1X", community.code, "company", "micro", "刘", "13863201111", "", "", ""],
        ["外区", valid_credit_code(13), far_community.code, "company", "micro", "刘", "13863201111", "", "", ""],
    ]
    response = client.post(reverse("jobs:employer_import"), {"file": xlsx(rows)})
    assert response.status_code == 400
    assert Employer.objects.count() == 0
    assert [row for row, _msg in response.context["row_errors"]] == [3, 4]


def test_import_refuses_a_file_that_is_not_xlsx(client, community_staff):
    client.force_login(community_staff)
    fake = io.BytesIO(b"name,code\n")
    fake.name = "employers.xlsx"
    response = client.post(reverse("jobs:employer_import"), {"file": fake})
    assert response.status_code == 200 and response.context["form"].errors


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


def test_import_with_a_full_width_credit_code_updates_the_registered_employer(client, community, community_staff):
    employer = EmployerFactory(community=community, name="好邻居超市", credit_code=valid_credit_code(11))
    client.force_login(community_staff)
    code = "\u3000" + valid_credit_code(11).translate(FULL_WIDTH) + "\u200b"
    rows = [
        ["好邻居超市（光明路店）", code, community.code, "company", "micro", "刘", "１３８６３２０１１１１", "", "", ""]
    ]
    response = client.post(reverse("jobs:employer_import"), {"file": xlsx(rows)})
    assert response.status_code == 302, response.context["row_errors"]
    assert Employer.objects.count() == 1
    employer.refresh_from_db()
    assert (employer.name, employer.contact_phone) == ("好邻居超市（光明路店）", "13863201111")


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
