"""Resident list export to xlsx: masking, formula neutralising, scope, audit."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from stations.models import AuditAction, AuditEntry, TargetGroup
from tests.factories import ResidentFactory

URL = "stations:resident_export"


def sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    return rows[0], rows[1:]


def column(headers, rows, name):
    index = headers.index(name)
    return [row[index] for row in rows]


def test_export_has_chinese_headers(staff_client, community):
    ResidentFactory(community=community)
    headers, _rows = sheet(staff_client.get(reverse(URL)))
    assert headers[:3] == ["社区", "姓名", "身份证号"]
    assert "手机号" in headers and "人员类别" in headers


def test_export_masks_id_numbers_and_phones(staff_client, community):
    resident = ResidentFactory(community=community, mobile="13912345678")
    headers, rows = sheet(staff_client.get(reverse(URL)))
    assert column(headers, rows, "身份证号") == [resident.masked_id_number]
    assert column(headers, rows, "手机号") == ["139****5678"]
    everything = " ".join(str(v) for row in rows for v in row)
    assert resident.id_number not in everything and "13912345678" not in everything


@pytest.mark.parametrize("text", ["=1+2", "+SUM(A1)", "-3+cmd", "@SUM(A1)"])
def test_export_neutralises_formula_like_cells(staff_client, community, text):
    ResidentFactory(community=community, address=text)
    headers, rows = sheet(staff_client.get(reverse(URL)))
    assert column(headers, rows, "住址") == ["'" + text]


def test_export_respects_scope(staff_client, community, sibling_community, far_community):
    ResidentFactory(community=community, name="本社区居民")
    ResidentFactory(community=sibling_community, name="邻社区居民")
    ResidentFactory(community=far_community, name="外区居民")
    headers, rows = sheet(staff_client.get(reverse(URL)))
    assert column(headers, rows, "姓名") == ["本社区居民"]


def test_street_officer_exports_the_whole_street(client, street_officer, community, sibling_community):
    ResidentFactory(community=community, name="甲")
    ResidentFactory(community=sibling_community, name="乙")
    client.force_login(street_officer)
    headers, rows = sheet(client.get(reverse(URL)))
    assert sorted(column(headers, rows, "姓名")) == ["乙", "甲"]


def test_export_follows_the_list_filters(staff_client, community):
    ResidentFactory(community=community, name="在岗", employment_status="employed")
    ResidentFactory(community=community, name="失业", employment_status="unemployed")
    headers, rows = sheet(staff_client.get(reverse(URL), {"status": "employed"}))
    assert column(headers, rows, "姓名") == ["在岗"]


def test_export_leaves_out_sensitive_groups(staff_client, community):
    resident = ResidentFactory(community=community)
    resident.target_groups.set(TargetGroup.objects.filter(code__in=["disabled", "minimum_living", "veteran"]))
    headers, rows = sheet(staff_client.get(reverse(URL)))
    assert column(headers, rows, "人员类别") == ["退役军人"]


def test_export_is_audited_with_row_count_and_filters(staff_client, community):
    ResidentFactory.create_batch(2, community=community)
    sheet(staff_client.get(reverse(URL), {"status": "unemployed"}))
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert entry.changes == {"rows": 2, "filters": {"status": "unemployed"}}


def test_export_never_takes_a_search_text_from_the_url(staff_client, community):
    resident = ResidentFactory(community=community)
    sheet(staff_client.get(reverse(URL), {"text": resident.id_number}))
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert "text" not in entry.changes["filters"]


def test_export_queries_do_not_grow_with_rows(staff_client, community, django_assert_max_num_queries):
    veteran = TargetGroup.objects.get(code="veteran")
    for resident in ResidentFactory.create_batch(3, community=community):
        resident.target_groups.add(veteran)
    with django_assert_max_num_queries(12) as few:
        sheet(staff_client.get(reverse(URL)))
    for resident in ResidentFactory.create_batch(40, community=community):
        resident.target_groups.add(veteran)
    with django_assert_max_num_queries(len(few.captured_queries)):
        sheet(staff_client.get(reverse(URL)))


def _instance_row(r):
    """A row as the export wrote it from model instances, kept here to hold
    the tuple rows to the same cells."""
    from stations.exports import _yes_no
    from stations.imports.columns import (
        EDUCATION_WORDS,
        GROUP_WORDS,
        PATTERN_WORDS,
        SKILL_WORDS,
        STATUS_WORDS,
        label_for,
    )
    from stations.models import SENSITIVE_GROUPS

    groups = [label_for(GROUP_WORDS, g.code) for g in r.target_groups.all() if g.code not in SENSITIVE_GROUPS]
    return (
        r.community.name,
        r.name,
        r.masked_id_number,
        "男" if r.sex == "M" else "女",
        r.birth_date.isoformat() if r.birth_date else "",
        r.masked_mobile,
        r.address,
        label_for(EDUCATION_WORDS, r.education) if r.education else "",
        label_for(STATUS_WORDS, r.employment_status) if r.employment_status else "",
        label_for(SKILL_WORDS, r.skill_level) if r.skill_level else "",
        r.skills,
        _yes_no(r.wants_training),
        r.wanted_course_types,
        f"{r.wanted_occupation} {r.get_wanted_occupation_display().split(' ', 1)[1]}" if r.wanted_occupation else "",
        r.wanted_job_categories,
        label_for(PATTERN_WORDS, r.wanted_work_pattern) if r.wanted_work_pattern else "",
        r.salary_expectation,
        _yes_no(r.is_graduate),
        r.graduation_school,
        r.graduation_date.isoformat() if r.graduation_date else "",
        "、".join(groups),
        r.four_clears_score,
    )


def test_export_cells_are_those_the_model_instances_gave(staff_client, community_staff, community):
    import datetime as dt

    from stations.selectors import resident_list

    plain = ResidentFactory(community=community, name="甲", mobile="", education="", employment_status="")
    graduate = ResidentFactory(
        community=community,
        name="乙",
        education="bachelor",
        is_graduate=True,
        graduation_school="枣庄学院",
        graduation_date=dt.date(2025, 7, 1),
        skill_level="junior",
        skills="电工",
        wants_training=False,
        wanted_occupation="4-10",
        wanted_job_categories="保洁",
        wanted_work_pattern="full_time",
        salary_expectation=3500,
    )
    graduate.target_groups.set(TargetGroup.objects.filter(code__in=["veteran", "disabled", "rural_migrant"]))
    plain.target_groups.set(TargetGroup.objects.filter(code="school_leaver"))
    ResidentFactory(community=community, name="丙", wants_training=True)
    response = staff_client.get(reverse(URL))
    _headers, rows = sheet(response)
    expected = [_instance_row(r) for r in resident_list(user=community_staff, filters={})]
    assert [tuple(row) for row in rows] == [tuple(None if v == "" else v for v in row) for row in expected]


def test_export_gives_the_wanted_occupation_group_as_code_and_name(staff_client, community):
    ResidentFactory(community=community, wanted_occupation="4-10")
    headers, rows = sheet(staff_client.get(reverse(URL)))
    assert column(headers, rows, "意向岗位类别") == ["4-10 居民服务人员"]
