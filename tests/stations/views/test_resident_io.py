"""Resident ledger import pages (stations/views/resident_io.py): template,
preview, corrections, marked copy, progress."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from stations.imports import services as import_services
from stations.imports.columns import COLUMNS
from stations.models import (
    ImportStatus,
    Resident,
    ResidentImportBatch,
)
from tests.stations.imports.conftest import bad_row, good_row, upload


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in the English source text."""
    with translation.override("en"):
        yield


# --- template -----------------------------------------------------------------------------
def test_template_has_chinese_headers_text_id_column_and_instructions(staff_client):
    response = staff_client.get(reverse("stations:resident_import_template"))
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb["居民台账"]
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["姓名", "身份证号", "手机号"]
    assert {"社区代码", "社区名称", "人员类别", "毕业时间", "期望月薪"} <= set(headers)
    id_letter = ws.cell(row=1, column=headers.index("身份证号") + 1).column_letter
    assert ws[f"{id_letter}2"].number_format == "@"
    listed = [row[0].value for row in wb["填写说明"].iter_rows(min_row=2, max_row=len(COLUMNS) + 1)]
    assert listed == [c.header for c in COLUMNS]


# --- the file itself ------------------------------------------------------------------------------
def test_non_xlsx_file_renamed_xlsx_is_refused(staff_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("台账.xlsx", b"%PDF-1.4 not a spreadsheet", content_type=XLSX_TYPE)
    response = staff_client.post(reverse("stations:resident_import"), {"file": fake})
    assert response.status_code == 400
    assert "not an Excel" in response.content.decode() or "不是" in response.content.decode()
    assert ResidentImportBatch.objects.count() == 0


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- pages: preview, corrections, marked copy, progress --------------------------------------
def test_preview_lists_every_bad_row_with_row_and_column(staff_client, community_staff):
    batch = upload(community_staff, [good_row(1, 手机号="123"), good_row(2, 文化程度="幼儿园")])
    response = staff_client.get(reverse("stations:resident_import_detail", args=[batch.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="c-2-mobile"' in html and 'name="c-3-education"' in html
    assert "幼儿园" in html


def test_correcting_bad_rows_in_the_browser_rechecks_and_allows_the_import(staff_client, community_staff):
    batch = upload(community_staff, [good_row(1), good_row(2, 手机号="123")])
    url = reverse("stations:resident_import_correct", args=[batch.pk])
    response = staff_client.post(url, {"c-3-mobile": "13912345678", "c-3-name": "居民2"})
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportStatus.READY
    staff_client.post(reverse("stations:resident_import_confirm", args=[batch.pk]))
    assert Resident.objects.count() == 2


def test_marked_copy_highlights_bad_cells_and_adds_an_error_column(staff_client, community_staff):
    batch = upload(community_staff, [good_row(1), good_row(2, 手机号="123")])
    response = staff_client.get(reverse("stations:resident_import_marked", args=[batch.pk]))
    ws = load_workbook(io.BytesIO(response.content)).active
    headers = [c.value for c in ws[1]]
    assert headers[-1] == "错误说明"
    mobile = headers.index("手机号") + 1
    assert ws.cell(row=3, column=mobile).fill.fgColor.rgb.endswith("FFC7CE")
    assert ws.cell(row=2, column=mobile).fill.fgColor.rgb != ws.cell(row=3, column=mobile).fill.fgColor.rgb
    assert "手机号" in ws.cell(row=3, column=len(headers)).value
    assert ws.cell(row=2, column=len(headers)).value is None


def test_batch_of_another_user_is_not_found(client, community, community_staff):
    from stations.models import Role
    from tests.factories import UserFactory

    batch = upload(community_staff, [good_row(1)])
    colleague = UserFactory(role=Role.COMMUNITY_STAFF, community=community)
    client.force_login(colleague)
    assert client.get(reverse("stations:resident_import_detail", args=[batch.pk])).status_code == 404


def test_large_file_runs_as_a_task_with_progress_then_result(
    staff_client, community_staff, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(import_services, "ASYNC_ROW_THRESHOLD", 2)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        batch = upload(community_staff, [good_row(1), good_row(2), good_row(3)])
    assert batch.status == ImportStatus.PENDING
    page = staff_client.get(reverse("stations:resident_import_detail", args=[batch.pk])).content.decode()
    assert 'http-equiv="refresh"' in page  # not handed to a worker yet: waiting for one
    for callback in callbacks:
        callback()  # the task, run eagerly as without a broker
    batch.refresh_from_db()
    assert batch.status == ImportStatus.READY
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("stations:resident_import_confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE
    assert Resident.objects.count() == 3
    page = staff_client.get(reverse("stations:resident_import_detail", args=[batch.pk])).content.decode()
    assert "http-equiv" not in page


# --- background work: waiting for a worker, failing for good, trying again ------------------------
def test_a_large_file_uploaded_while_the_broker_is_down_waits_for_a_worker(
    staff_client, community_staff, monkeypatch, unreachable_broker, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(import_services, "ASYNC_ROW_THRESHOLD", 2)
    with django_capture_on_commit_callbacks(execute=True):
        batch = upload(community_staff, [good_row(1), good_row(2), good_row(3)])
    assert batch.status == ImportStatus.PENDING
    staff_client.cookies["django_language"] = "en"
    page = staff_client.get(reverse("stations:resident_import_detail", args=[batch.pk])).content.decode()
    assert "Waiting for a worker" in page and 'http-equiv="refresh"' in page


def test_a_check_that_fails_for_good_is_shown_as_failed_not_left_checking(
    staff_client, community_staff, monkeypatch, django_capture_on_commit_callbacks
):
    def broken_check(*args, **kwargs):
        raise ValueError("a bug in the check")

    monkeypatch.setattr(import_services, "ASYNC_ROW_THRESHOLD", 2)
    monkeypatch.setattr(import_services, "check_rows", broken_check)
    with django_capture_on_commit_callbacks(execute=True):
        batch = upload(community_staff, [good_row(1), good_row(2), good_row(3)])
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED
    assert batch.message.startswith("The import failed and nothing was imported")
    page = staff_client.get(reverse("stations:resident_import_detail", args=[batch.pk])).content.decode()
    assert reverse("stations:resident_import_retry", args=[batch.pk]) in page
    assert "http-equiv" not in page


def test_try_again_checks_a_failed_import_again(staff_client, community_staff):
    batch = upload(community_staff, [good_row(1)])
    ResidentImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.FAILED, message="x")
    response = staff_client.post(reverse("stations:resident_import_retry", args=[batch.pk]))
    assert response.url == reverse("stations:resident_import_detail", args=[batch.pk])
    batch.refresh_from_db()
    assert batch.status == ImportStatus.READY and batch.message == ""


def test_the_preview_warns_how_many_rows_will_be_left_out_and_the_result_lists_them(staff_client, community_staff):
    batch = upload(community_staff, [good_row(1), bad_row(2), good_row(3)])
    staff_client.cookies["django_language"] = "en"
    detail = reverse("stations:resident_import_detail", args=[batch.pk])

    preview = staff_client.get(detail).content.decode()
    assert "Or leave out the 1 row with errors: it will not be imported" in preview
    assert "The other 2 rows are then checked again" in preview

    staff_client.post(reverse("stations:resident_import_leave_out", args=[batch.pk]), {"rows_to_leave_out": "1"})
    staff_client.post(reverse("stations:resident_import_confirm", args=[batch.pk]))

    result = staff_client.get(detail).content.decode()
    assert "1 row with errors was left out and is not imported" in result
    assert "居民2" in result
