"""Employer import: upload, check (inline or in the task), preview with the
row-by-row report, confirm, all-or-nothing import, failure and try again."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from jobs.models import Employer, EmployerImportBatch, LabourSurvey
from jobs.services import employer_imports
from jobs.services.employer_imports import (
    employer_import_batch_confirm,
    employer_import_batch_create,
    employer_import_batch_execute,
    employer_import_batch_retry,
)
from stations.imports import reading
from stations.models import AuditAction, AuditEntry, ImportStatus, Role
from tests.factories import UserFactory
from tests.factories.jobs import EmployerFactory, LabourSurveyFactory, valid_credit_code


@pytest.fixture(autouse=True)
def english(client):
    """Messages are asserted in the English source text, in services and pages."""
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


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


def xlsx(rows, headers=HEADERS) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def row(n, community, **overrides):
    values = {
        "单位名称": f"用工单位{n}",
        "统一社会信用代码": valid_credit_code(n),
        "社区代码": community.code,
        "单位类型": "company",
        "规模": "micro",
        "联系人": "刘",
        "联系电话": "13863201111",
        "调查日期": "",
        "用工数量": "",
        "缺工人数": "",
    }
    values.update(overrides)
    return [values[h] for h in HEADERS]


def upload(user, rows, headers=HEADERS):
    return employer_import_batch_create(actor=user, filename="用工单位.xlsx", data=xlsx(rows, headers))


def as_file(data: bytes, name="employers.xlsx"):
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer


# --- a small file: checked within the request ---------------------------------------------------
def test_a_small_file_is_checked_in_the_request_and_imported_on_confirm(staff_client, community):
    rows = [
        row(11, community, 单位类型="个体工商户", 规模="Micro", 调查日期="2026-01-05", 用工数量=12, 缺工人数=2),
        row(12, community, 单位类型="company", 规模="small", 联系电话="0632-3311234"),
    ]
    response = staff_client.post(reverse("jobs:employer_import"), {"file": as_file(xlsx(rows))})
    batch = EmployerImportBatch.objects.get()
    assert response.url == reverse("jobs:employer_import_detail", args=[batch.pk])
    assert batch.status == ImportStatus.READY and (batch.new_count, batch.survey_count) == (2, 1)
    assert not Employer.objects.exists()  # nothing before the confirmation

    staff_client.post(reverse("jobs:employer_import_confirm", args=[batch.pk]))

    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE
    assert Employer.objects.count() == 2
    assert LabourSurvey.objects.get().shortage == 2
    page = staff_client.get(reverse("jobs:employer_import_detail", args=[batch.pk])).content.decode()
    assert "Imported: 2 new employers, 0 updated, 1 surveys." in page


def test_the_import_writes_one_audit_entry_with_counts(community_staff, community):
    batch = upload(community_staff, [row(1, community), row(2, community, 调查日期="2026-01-05", 用工数量=3)])
    employer_import_batch_confirm(actor=community_staff, batch=batch)
    entry = AuditEntry.objects.get(action=AuditAction.IMPORT)
    assert entry.changes == {"rows": 2, "created": 2, "updated": 0, "surveys": 1}
    assert entry.actor == community_staff


def test_a_registered_employer_is_updated_and_its_survey_of_the_day_replaced(community_staff, community):
    employer = EmployerFactory(community=community, name="旧名", credit_code=valid_credit_code(5))
    LabourSurveyFactory(employer=employer, surveyed_on="2026-01-05", headcount=1, shortage=0)
    batch = upload(community_staff, [row(5, community, 单位名称="新名", 调查日期="2026-01-05", 用工数量=9, 缺工人数=4)])
    assert (batch.new_count, batch.update_count) == (0, 1)
    employer_import_batch_confirm(actor=community_staff, batch=batch)
    employer.refresh_from_db()
    survey = LabourSurvey.objects.get()
    assert employer.name == "新名" and (survey.headcount, survey.shortage) == (9, 4)


def test_a_column_the_sheet_lacks_keeps_what_the_record_holds(community_staff, community):
    employer = EmployerFactory(
        community=community, credit_code=valid_credit_code(6), contact_name="王", address="光明路1号"
    )
    batch = upload(
        community_staff,
        [["新名", valid_credit_code(6), community.code]],
        headers=["单位名称", "统一社会信用代码", "社区代码"],
    )
    employer_import_batch_confirm(actor=community_staff, batch=batch)
    employer.refresh_from_db()
    assert (employer.name, employer.contact_name, employer.address) == ("新名", "王", "光明路1号")


def test_a_full_width_credit_code_updates_the_registered_employer(community_staff, community):
    full_width = str.maketrans(
        "0123456789ABCDEFGHJKLMNPQRTUWXY", "０１２３４５６７８９ＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＴＵＷＸＹ"
    )
    employer = EmployerFactory(community=community, credit_code=valid_credit_code(11))
    code = "\u3000" + valid_credit_code(11).translate(full_width) + "\u200b"
    batch = upload(community_staff, [row(11, community, 统一社会信用代码=code, 联系电话="１３８６３２０１１１１")])
    employer_import_batch_confirm(actor=community_staff, batch=batch)
    employer.refresh_from_db()
    assert Employer.objects.count() == 1 and employer.contact_phone == "13863201111"


# --- all or nothing, with the row and column of each problem ------------------------------------
def test_one_bad_row_imports_nothing_and_the_report_names_its_row_and_column(community_staff, community):
    batch = upload(community_staff, [row(1, community), row(2, community, 统一社会信用代码="91370402ABCDEFGH1X")])
    assert batch.status == ImportStatus.INVALID
    assert [(e["row"], e["column"]) for e in batch.errors] == [(3, "统一社会信用代码")]
    with pytest.raises(ValidationError):
        employer_import_batch_confirm(actor=community_staff, batch=batch)
    assert not Employer.objects.exists()


def test_the_preview_lists_every_problem_by_row_and_column(staff_client, community, far_community):
    rows = [
        row(1, community),
        row(2, far_community),
        row(3, community, 规模="huge", 调查日期="2026-13-01", 用工数量=5),
        row(4, community, 用工数量=-1, 调查日期="2026-01-05"),
    ]
    staff_client.post(reverse("jobs:employer_import"), {"file": as_file(xlsx(rows))})
    batch = EmployerImportBatch.objects.get()
    assert [(e["row"], e["field"]) for e in batch.errors] == [
        (3, "community_code"),
        (4, "size"),
        (4, "surveyed_on"),
        (5, "headcount"),
    ]
    page = staff_client.get(reverse("jobs:employer_import_detail", args=[batch.pk])).content.decode()
    assert "3 of 4 rows need correcting" in page
    assert "<td>4</td><td>规模</td>" in page and "<td>5</td><td>用工数量</td>" in page
    assert not Employer.objects.exists()


def test_a_credit_code_twice_in_the_file_is_reported_on_the_second_row(community_staff, community):
    batch = upload(community_staff, [row(1, community), row(1, community, 单位名称="另一家")])
    assert [(e["row"], e["field"]) for e in batch.errors] == [(3, "credit_code")]


def test_survey_figures_without_a_date_are_reported_not_dropped(community_staff, community):
    batch = upload(community_staff, [row(1, community, 用工数量=12, 缺工人数=2)])
    assert [(e["row"], e["field"]) for e in batch.errors] == [(2, "surveyed_on")]


def test_a_formula_cell_is_refused(community_staff, community):
    batch = upload(community_staff, [row(1, community, 单位名称="=HYPERLINK(1)")])
    assert [(e["row"], e["field"]) for e in batch.errors] == [(2, "name")]


def test_an_employer_of_another_area_cannot_be_taken_over(community_staff, community, far_community):
    EmployerFactory(community=far_community, credit_code=valid_credit_code(7))
    batch = upload(community_staff, [row(7, community)])
    assert [(e["row"], e["field"]) for e in batch.errors] == [(2, "credit_code")]


def test_an_employer_registered_between_check_and_confirm_stops_the_whole_import(
    community_staff, community, far_community
):
    batch = upload(community_staff, [row(1, community), row(2, community)])
    assert batch.status == ImportStatus.READY
    EmployerFactory(community=far_community, credit_code=valid_credit_code(2))
    batch = employer_import_batch_confirm(actor=community_staff, batch=batch)
    assert batch.status == ImportStatus.INVALID
    assert [(e["row"], e["field"]) for e in batch.errors] == [(3, "credit_code")]
    assert Employer.objects.count() == 1  # only the other area's


# --- the file as a whole: refused with a message, never cut -------------------------------------
def test_a_file_with_more_rows_than_the_limit_is_refused_with_a_message_naming_it(staff_client, community, monkeypatch):
    monkeypatch.setattr(employer_imports, "MAX_ROWS", 3)
    response = staff_client.post(
        reverse("jobs:employer_import"), {"file": as_file(xlsx([row(n, community) for n in range(1, 5)]))}
    )
    assert response.status_code == 400
    assert "The file has more than 3 rows. Split it into smaller files." in response.content.decode()
    assert not EmployerImportBatch.objects.exists()


def test_a_file_of_twenty_thousand_and_one_rows_is_refused_not_cut(community_staff, community):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["单位名称", "统一社会信用代码", "社区代码"])
    for n in range(20_001):
        ws.append([f"用工单位{n}", valid_credit_code(n + 1), community.code])
    buffer = io.BytesIO()
    wb.save(buffer)
    with pytest.raises(ValidationError, match="more than 20000 rows"):
        employer_import_batch_create(actor=community_staff, filename="big.xlsx", data=buffer.getvalue())
    assert not EmployerImportBatch.objects.exists()


def test_the_row_limit_is_the_ledgers_and_is_twenty_thousand():
    assert employer_imports.MAX_ROWS == reading.MAX_ROWS == 20_000


def test_every_row_up_to_the_limit_is_kept(community_staff, community, monkeypatch):
    monkeypatch.setattr(employer_imports, "MAX_ROWS", 3)
    batch = upload(community_staff, [row(n, community) for n in range(1, 4)])
    assert batch.row_count == 3 and [r["row"] for r in batch.rows] == [2, 3, 4]


def test_rows_after_blank_lines_are_read_not_dropped(community_staff, community):
    blank = [""] * len(HEADERS)
    batch = upload(community_staff, [row(1, community), blank, blank, row(2, community)])
    assert [r["row"] for r in batch.rows] == [2, 5]


def test_a_file_that_is_too_large_is_refused_with_its_limit(staff_client, monkeypatch):
    from stations import excel

    monkeypatch.setattr(excel, "MAX_UPLOAD_BYTES", 1000)
    response = staff_client.post(reverse("jobs:employer_import"), {"file": as_file(b"PK" + b"x" * 2000)})
    assert response.status_code == 400
    assert "The file is larger than" in response.content.decode()


def test_a_file_that_is_not_xlsx_is_refused(staff_client):
    response = staff_client.post(reverse("jobs:employer_import"), {"file": as_file(b"name,code\n")})
    assert response.status_code == 400 and response.context["form"].errors
    assert not EmployerImportBatch.objects.exists()


def test_a_sheet_without_the_required_columns_is_refused(community_staff, community):
    with pytest.raises(ValidationError, match="Missing columns"):
        upload(community_staff, [["好邻居超市", community.code]], headers=["单位名称", "社区代码"])


def test_the_export_can_be_imported_again(staff_client, community):
    EmployerFactory(community=community, name="好邻居超市")
    exported = staff_client.get(reverse("jobs:employer_export")).content
    staff_client.post(reverse("jobs:employer_import"), {"file": as_file(exported)})
    batch = EmployerImportBatch.objects.get()
    assert batch.status == ImportStatus.READY and batch.update_count == 1 and batch.message == ""


# --- a large file: checked and imported by the task, with progress --------------------------------
def test_a_large_file_is_checked_and_imported_by_the_task_with_a_progress_page(
    staff_client, community_staff, community, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(employer_imports, "ASYNC_ROW_THRESHOLD", 2)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        batch = upload(community_staff, [row(n, community) for n in range(1, 4)])
    assert batch.status == ImportStatus.PENDING
    page = staff_client.get(reverse("jobs:employer_import_detail", args=[batch.pk])).content.decode()
    assert 'http-equiv="refresh"' in page  # refreshes itself, without JavaScript
    for callback in callbacks:
        callback()  # the task's hand-off, run eagerly as without a broker
    batch.refresh_from_db()
    assert batch.status == ImportStatus.READY
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("jobs:employer_import_confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE and Employer.objects.count() == 3
    page = staff_client.get(reverse("jobs:employer_import_detail", args=[batch.pk])).content.decode()
    assert "http-equiv" not in page


def test_the_progress_page_shows_rows_done_of_the_total(staff_client, community_staff, community, monkeypatch):
    monkeypatch.setattr(employer_imports, "ASYNC_ROW_THRESHOLD", 2)
    batch = upload(community_staff, [row(n, community) for n in range(1, 4)])
    EmployerImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.VALIDATING)
    employer_imports._set_progress(batch.pk, 2)
    page = staff_client.get(reverse("jobs:employer_import_detail", args=[batch.pk])).content.decode()
    assert "2 of 3 rows" in page and 'value="2"' in page


def test_a_large_file_uploaded_while_the_broker_is_down_waits_for_a_worker(
    staff_client, community_staff, community, monkeypatch, unreachable_broker, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(employer_imports, "ASYNC_ROW_THRESHOLD", 2)
    with django_capture_on_commit_callbacks(execute=True):
        batch = upload(community_staff, [row(n, community) for n in range(1, 4)])
    assert batch.status == ImportStatus.PENDING
    page = staff_client.get(reverse("jobs:employer_import_detail", args=[batch.pk])).content.decode()
    assert "Waiting for a worker" in page and 'http-equiv="refresh"' in page


def test_the_task_is_idempotent(community_staff, community):
    from jobs.tasks import employer_import_run

    batch = upload(community_staff, [row(1, community)])
    EmployerImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.QUEUED)
    employer_import_run(batch.pk)
    employer_import_run(batch.pk)
    assert Employer.objects.count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.IMPORT).count() == 1


def test_a_check_that_fails_for_good_is_shown_as_failed_with_try_again(
    staff_client, community_staff, community, monkeypatch, django_capture_on_commit_callbacks
):
    def broken_check(*args, **kwargs):
        raise ValueError("a bug in the check")

    monkeypatch.setattr(employer_imports, "ASYNC_ROW_THRESHOLD", 2)
    monkeypatch.setattr(employer_imports, "_check", broken_check)
    with django_capture_on_commit_callbacks(execute=True):
        batch = upload(community_staff, [row(n, community) for n in range(1, 4)])
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED
    assert batch.message.startswith("The import failed and nothing was imported")
    page = staff_client.get(reverse("jobs:employer_import_detail", args=[batch.pk])).content.decode()
    assert reverse("jobs:employer_import_retry", args=[batch.pk]) in page and "Try again" in page
    assert "http-equiv" not in page


def test_a_failed_import_step_goes_back_to_waiting_for_the_tasks_retry(community_staff, community, monkeypatch):
    from django.db import OperationalError

    def lost_connection(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    batch = upload(community_staff, [row(1, community), row(2, community)])
    EmployerImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.QUEUED)
    monkeypatch.setattr(employer_imports, "_write", lost_connection)
    with pytest.raises(OperationalError):
        employer_import_batch_execute(batch_pk=batch.pk)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.QUEUED
    assert not Employer.objects.exists()


def test_try_again_checks_a_failed_import_again(staff_client, community_staff, community):
    batch = upload(community_staff, [row(1, community)])
    EmployerImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.FAILED, message="x")
    response = staff_client.post(reverse("jobs:employer_import_retry", args=[batch.pk]))
    assert response.url == reverse("jobs:employer_import_detail", args=[batch.pk])
    batch.refresh_from_db()
    assert batch.status == ImportStatus.READY and batch.message == ""


def test_try_again_on_an_import_that_did_not_fail_is_refused(community_staff, community):
    batch = upload(community_staff, [row(1, community)])
    with pytest.raises(ValidationError):
        employer_import_batch_retry(actor=community_staff, batch=batch)


def test_cancel_deletes_the_rows(staff_client, community_staff, community):
    batch = upload(community_staff, [row(1, community)])
    response = staff_client.post(reverse("jobs:employer_import_cancel", args=[batch.pk]))
    assert response.url == reverse("jobs:employer_import")
    batch.refresh_from_db()
    assert batch.status == ImportStatus.CANCELLED and batch.rows == []


# --- scope --------------------------------------------------------------------------------------
def test_a_batch_of_another_user_is_not_found(client, community, community_staff):
    batch = upload(community_staff, [row(1, community)])
    colleague = UserFactory(role=Role.COMMUNITY_STAFF, community=community)
    client.force_login(colleague)
    assert client.get(reverse("jobs:employer_import_detail", args=[batch.pk])).status_code == 404
    assert client.post(reverse("jobs:employer_import_confirm", args=[batch.pk])).status_code == 404


def test_rows_are_checked_against_the_uploaders_area(street_officer, community, sibling_community, far_community):
    batch = upload(street_officer, [row(1, community), row(2, sibling_community), row(3, far_community)])
    assert [(e["row"], e["field"]) for e in batch.errors] == [(4, "community_code")]


def test_the_bureau_cannot_import(district_bureau, community):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        upload(district_bureau, [row(1, community)])


# --- speed --------------------------------------------------------------------------------------
def test_check_and_import_queries_do_not_grow_with_rows(community_staff, community, django_assert_max_num_queries):
    for rows in ([row(n, community) for n in range(1, 6)], [row(n, community) for n in range(100, 160)]):
        with django_assert_max_num_queries(12):
            batch = upload(community_staff, rows)
    with django_assert_max_num_queries(25):
        employer_import_batch_confirm(actor=community_staff, batch=batch)
    assert Employer.objects.count() == 60
