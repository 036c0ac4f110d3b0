"""Resident ledger import: file checks, row checks, all-or-nothing import."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from stations.imports import services as import_services
from stations.imports.columns import COLUMNS
from stations.imports.services import (
    resident_import_batch_confirm,
    resident_import_batch_correct,
    resident_import_batch_create,
)
from stations.models import (
    AuditAction,
    AuditEntry,
    EmploymentStatus,
    EmploymentStatusChange,
    ImportStatus,
    Resident,
    ResidentImportBatch,
    UnemploymentRegistration,
)
from tests.factories import ResidentFactory, valid_id_number


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in the English source text."""
    with translation.override("en"):
        yield


HEADERS = ["姓名", "身份证号", "手机号", "社区名称", "住址", "文化程度", "就业状态", "人员类别"]


def xlsx(rows, headers=HEADERS) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def good_row(n=0, **overrides):
    row = {
        "姓名": f"居民{n}",
        "身份证号": valid_id_number(birth=dt.date(1985, 1, 1) + dt.timedelta(days=n), serial=n % 100),
        "手机号": f"139{n:08d}",
        "社区名称": "",
        "住址": f"光明路{n}号",
        "文化程度": "高中",
        "就业状态": "登记失业",
        "人员类别": "退役军人",
    }
    row.update(overrides)
    return [row[h] for h in HEADERS]


def upload(user, rows, *, update_existing=False, headers=HEADERS):
    return resident_import_batch_create(
        actor=user, filename="台账.xlsx", data=xlsx(rows, headers), update_existing=update_existing
    )


def errors_of(batch):
    return [(e["row"], e["column"]) for e in batch.errors]


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


# --- happy path -----------------------------------------------------------------------------
def test_valid_file_imports_every_row_with_derived_fields_and_groups(community_staff, community):
    batch = upload(community_staff, [good_row(1), good_row(2)])
    assert batch.status == ImportStatus.READY
    batch = resident_import_batch_confirm(actor=community_staff, batch=batch)
    assert batch.status == ImportStatus.DONE
    assert batch.new_count == 2
    resident = Resident.objects.get(name="居民1")
    assert resident.community == community
    assert resident.birth_date == dt.date(1985, 1, 2)
    assert resident.sex in ("M", "F")
    assert resident.four_clears_score >= 1
    assert [g.code for g in resident.target_groups.all()] == ["veteran"]


def test_unemployed_rows_get_status_history_and_registration(community_staff):
    batch = upload(community_staff, [good_row(1)])
    resident_import_batch_confirm(actor=community_staff, batch=batch)
    resident = Resident.objects.get(name="居民1")
    assert EmploymentStatusChange.objects.filter(resident=resident, status=EmploymentStatus.UNEMPLOYED).count() == 1
    assert UnemploymentRegistration.objects.filter(resident=resident, ended_on__isnull=True).count() == 1


def test_import_writes_one_audit_entry_with_counts(community_staff):
    batch = upload(community_staff, [good_row(1), good_row(2), good_row(3)])
    resident_import_batch_confirm(actor=community_staff, batch=batch)
    entries = AuditEntry.objects.filter(action=AuditAction.IMPORT)
    assert entries.count() == 1
    assert entries.get().changes["created"] == 3


def test_imported_batch_keeps_no_copy_of_the_rows(community_staff):
    batch = upload(community_staff, [good_row(1)])
    batch = resident_import_batch_confirm(actor=community_staff, batch=batch)
    batch.refresh_from_db()
    assert batch.rows == []
    assert bytes(batch.file_data) == b""


# --- all or nothing ---------------------------------------------------------------------------
def test_one_bad_row_imports_nothing(community_staff):
    batch = upload(community_staff, [good_row(1), good_row(2, 手机号="12345"), good_row(3)])
    assert batch.status == ImportStatus.INVALID
    with pytest.raises(ValidationError):
        resident_import_batch_confirm(actor=community_staff, batch=batch)
    assert Resident.objects.count() == 0


def test_a_person_registered_between_check_and_confirm_stops_the_whole_import(community_staff, far_community):
    rows = [good_row(1), good_row(2)]
    batch = upload(community_staff, rows)
    assert batch.status == ImportStatus.READY
    ResidentFactory(community=far_community, id_number=rows[1][1])
    batch = resident_import_batch_confirm(actor=community_staff, batch=batch)
    assert batch.status == ImportStatus.INVALID
    assert Resident.objects.filter(community__isnull=False).exclude(community=far_community).count() == 0


# --- each error kind, with its row and column ----------------------------------------------
@pytest.mark.parametrize(
    ("overrides", "column", "words"),
    [
        ({"身份证号": "370402198001010012"}, "身份证号", "check character"),
        ({"身份证号": "37040219800101"}, "身份证号", "18 characters"),
        ({"身份证号": "370402198002300011"}, "身份证号", "not a real date"),
        ({"手机号": "2391234567"}, "手机号", "11 digits"),
        ({"文化程度": "幼儿园"}, "文化程度", "is not one of"),
        ({"就业状态": "摸鱼"}, "就业状态", "is not one of"),
        ({"人员类别": "外星人"}, "人员类别", "Unknown group"),
        ({"姓名": ""}, "姓名", "required"),
        ({"社区名称": "火星社区"}, "社区名称", "not a community in your area"),
    ],
)
def test_each_error_kind_is_reported_with_row_and_column(community_staff, overrides, column, words):
    batch = upload(community_staff, [good_row(1), good_row(2, **overrides)])
    assert batch.status == ImportStatus.INVALID
    assert errors_of(batch) == [(3, column)]
    assert words in batch.errors[0]["message"]


def test_graduation_rules_of_the_form_apply_to_rows(community_staff):
    headers = [*HEADERS, "高校毕业生", "毕业时间"]
    future = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    batch = upload(community_staff, [[*good_row(1, 文化程度="本科"), "是", future]], headers=headers)
    assert errors_of(batch) == [(2, "毕业时间")]
    assert "future" in batch.errors[0]["message"]


def test_scientific_notation_id_cell_is_caught_and_explained(community_staff):
    row = good_row(1)
    row[1] = 3.70402198501011e17  # what Excel keeps after turning the ID into a number
    batch = upload(community_staff, [row])
    assert errors_of(batch) == [(2, "身份证号")]
    assert "3.70402E+17" in batch.errors[0]["message"]
    assert "as a number" in batch.errors[0]["message"]


def test_scientific_notation_typed_as_text_is_caught(community_staff):
    batch = upload(community_staff, [good_row(1, 身份证号="3.70402E+17")])
    assert errors_of(batch) == [(2, "身份证号")]
    assert "turned into a number" in batch.errors[0]["message"]


def test_fifteen_digit_number_in_the_id_column_is_caught(community_staff):
    row = good_row(1)
    row[1] = 370402850101123
    batch = upload(community_staff, [row])
    assert errors_of(batch) == [(2, "身份证号")]


def test_id_whose_last_digits_were_zeroed_is_explained(community_staff):
    batch = upload(community_staff, [good_row(1, 身份证号="370402198501011000")])
    assert errors_of(batch) == [(2, "身份证号")]
    assert "lost the last digits" in batch.errors[0]["message"]


def test_formula_cell_is_refused(community_staff):
    batch = upload(community_staff, [good_row(1, 住址='=HYPERLINK("http://x","y")')])
    assert errors_of(batch) == [(2, "住址")]
    assert "formula" in batch.errors[0]["message"]


def test_duplicate_id_within_the_file_is_reported_on_the_second_row(community_staff):
    first = good_row(1)
    batch = upload(community_staff, [first, good_row(2), good_row(3, 身份证号=first[1])])
    assert errors_of(batch) == [(4, "身份证号")]
    assert "row 2" in batch.errors[0]["message"]


# --- existing records ---------------------------------------------------------------------
def test_existing_resident_is_an_error_unless_update_is_chosen(community_staff, community):
    existing = ResidentFactory(community=community, name="老张")
    batch = upload(community_staff, [good_row(1, 身份证号=existing.id_number)])
    assert errors_of(batch) == [(2, "身份证号")]
    assert "update existing records" in batch.errors[0]["message"]


def test_existing_resident_is_updated_when_update_existing_chosen(community_staff, community):
    existing = ResidentFactory(community=community, name="老张", address="旧地址", employment_status="unemployed")
    row = good_row(1, 身份证号=existing.id_number, 住址="新地址", 就业状态="灵活就业", 手机号="")
    batch = upload(community_staff, [row], update_existing=True)
    assert batch.status == ImportStatus.READY
    batch = resident_import_batch_confirm(actor=community_staff, batch=batch)
    assert (batch.new_count, batch.update_count) == (0, 1)
    existing.refresh_from_db()
    assert existing.name == "居民1"
    assert existing.address == "新地址"
    assert existing.mobile.startswith("139")  # the empty cell kept the recorded phone
    assert existing.employment_status == EmploymentStatus.FLEXIBLE
    assert existing.status_changes.filter(status=EmploymentStatus.FLEXIBLE).exists()


def test_update_cannot_move_a_record_to_another_community(street_officer, community, sibling_community):
    existing = ResidentFactory(community=community)
    row = good_row(1, 身份证号=existing.id_number, 社区名称=sibling_community.name)
    batch = upload(street_officer, [row], update_existing=True)
    assert errors_of(batch) == [(2, "社区名称")]
    assert "transfer" in batch.errors[0]["message"]


def test_out_of_scope_duplicate_names_only_the_holding_community(community_staff, far_community):
    holder = ResidentFactory(community=far_community, name="外地人", address="荆河路99号")
    batch = upload(community_staff, [good_row(1, 身份证号=holder.id_number)], update_existing=True)
    assert errors_of(batch) == [(2, "身份证号")]
    message = batch.errors[0]["message"]
    assert far_community.name in message
    assert "外地人" not in message and "荆河路" not in message


def test_rows_cannot_target_a_community_outside_scope(community_staff, sibling_community):
    batch = upload(community_staff, [good_row(1, 社区名称=sibling_community.name)])
    assert errors_of(batch) == [(2, "社区名称")]


def test_street_officer_rows_go_to_the_named_community(street_officer, sibling_community):
    batch = upload(street_officer, [good_row(1, 社区名称=sibling_community.name)])
    resident_import_batch_confirm(actor=street_officer, batch=batch)
    assert Resident.objects.get().community == sibling_community


def test_street_officer_must_name_the_community(street_officer):
    batch = upload(street_officer, [good_row(1)])
    assert errors_of(batch) == [(2, "社区名称")]


def test_bureau_cannot_import(district_bureau):
    with pytest.raises(PermissionDenied):
        upload(district_bureau, [good_row(1)])


# --- the file itself ------------------------------------------------------------------------------
def test_non_xlsx_file_renamed_xlsx_is_refused(staff_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("台账.xlsx", b"%PDF-1.4 not a spreadsheet", content_type=XLSX_TYPE)
    response = staff_client.post(reverse("stations:resident_import"), {"file": fake})
    assert response.status_code == 400
    assert "not an Excel" in response.content.decode() or "不是" in response.content.decode()
    assert ResidentImportBatch.objects.count() == 0


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_macro_file_is_refused(community_staff):
    data = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx([good_row(1)]))) as source, zipfile.ZipFile(data, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("xl/vbaProject.bin", b"\0" * 64)
    with pytest.raises(ValidationError, match="macros"):
        resident_import_batch_create(actor=community_staff, filename="a.xlsm", data=data.getvalue())


def test_zip_bomb_is_refused_before_it_is_opened(community_staff):
    data = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(xlsx([good_row(1)])))
    with source, zipfile.ZipFile(data, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("xl/media/padding.bin", b"\0" * (101 * 1024 * 1024))
    assert len(data.getvalue()) < 1024 * 1024
    with pytest.raises(ValidationError, match="unpacks"):
        resident_import_batch_create(actor=community_staff, filename="bomb.xlsx", data=data.getvalue())


def test_sheet_without_the_header_row_is_refused(community_staff):
    with pytest.raises(ValidationError, match="header"):
        resident_import_batch_create(actor=community_staff, filename="a.xlsx", data=xlsx([["x"]], headers=["foo"]))


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


def test_retyped_id_cell_loses_its_number_flag(community_staff):
    row = good_row(1)
    good_id = row[1]
    row[1] = 3.70402198501011e17
    batch = upload(community_staff, [row])
    batch = resident_import_batch_correct(
        actor=community_staff, batch=batch, corrections={2: {"id_number": good_id}}, update_existing=False
    )
    assert batch.status == ImportStatus.READY


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


def test_the_task_is_idempotent(community_staff):
    from stations.tasks import resident_import_run

    batch = upload(community_staff, [good_row(1)])
    ResidentImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.QUEUED)
    resident_import_run(batch.pk)
    resident_import_run(batch.pk)
    assert Resident.objects.count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.IMPORT).count() == 1


# --- speed ------------------------------------------------------------------------------------------
def _count_check_queries(user, rows, django_assert_max_num_queries, limit):
    data = xlsx(rows)
    with django_assert_max_num_queries(limit):
        resident_import_batch_create(actor=user, filename="a.xlsx", data=data)


def test_check_and_import_queries_do_not_grow_with_rows(community_staff, django_assert_max_num_queries):
    # One upload + check of 5 rows and of 60 rows stay under the same bound.
    _count_check_queries(community_staff, [good_row(i) for i in range(5)], django_assert_max_num_queries, 12)
    _count_check_queries(community_staff, [good_row(i) for i in range(100, 160)], django_assert_max_num_queries, 12)
    batch = ResidentImportBatch.objects.filter(row_count=60).get()
    # SQLite takes at most 999 parameters a statement, so Django splits the
    # 60 new rows into three INSERTs there (one on PostgreSQL).
    with django_assert_max_num_queries(27):
        resident_import_batch_confirm(actor=community_staff, batch=batch)
    assert Resident.objects.count() == 60


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
    monkeypatch.setattr(import_services, "_check", broken_check)
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


def test_try_again_on_an_import_that_did_not_fail_is_refused(community_staff):
    from stations.imports.services import resident_import_batch_retry

    batch = upload(community_staff, [good_row(1)])
    with pytest.raises(ValidationError):
        resident_import_batch_retry(actor=community_staff, batch=batch)


def test_a_failed_import_step_goes_back_to_waiting_for_the_tasks_retry(community_staff, monkeypatch):
    from django.db import OperationalError

    from stations.imports.services import resident_import_batch_execute

    def lost_connection(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    batch = upload(community_staff, [good_row(1)])
    ResidentImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.QUEUED)
    monkeypatch.setattr(import_services, "_write", lost_connection)
    with pytest.raises(OperationalError):
        resident_import_batch_execute(batch_pk=batch.pk)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.QUEUED
    assert not Resident.objects.exists()


# --- one person, however the digits were typed --------------------------------------------
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def test_a_full_width_id_number_finds_the_person_registered_in_ascii(community_staff, community):
    existing = ResidentFactory(community=community, name="老张")
    batch = upload(community_staff, [good_row(1, 身份证号=existing.id_number.translate(FULL_WIDTH))])
    assert errors_of(batch) == [(2, "身份证号")]
    assert "already registered" in batch.errors[0]["message"]


def test_a_full_width_id_number_updates_the_existing_person_instead_of_adding_one(community_staff, community):
    existing = ResidentFactory(community=community, name="老张", address="旧地址")
    typed = " " + existing.id_number.translate(FULL_WIDTH) + "\u200b"
    batch = upload(community_staff, [good_row(1, 身份证号=typed, 住址="新地址")], update_existing=True)
    assert batch.status == ImportStatus.READY
    resident_import_batch_confirm(actor=community_staff, batch=batch)
    assert Resident.objects.count() == 1
    existing.refresh_from_db()
    assert existing.address == "新地址"


def test_a_new_person_typed_in_full_width_digits_is_stored_in_ascii(community_staff):
    number = valid_id_number(birth=dt.date(1990, 6, 30), serial=21)
    row = good_row(1, 身份证号=number.translate(FULL_WIDTH), 手机号="１３９０５３２８８６１", 姓名="\u3000王秀英 ")
    batch = resident_import_batch_confirm(actor=community_staff, batch=upload(community_staff, [row]))
    assert batch.new_count == 1
    assert Resident.objects.filter(id_number=number, mobile="13905328861", name="王秀英").count() == 1


def test_one_id_number_typed_twice_in_a_file_in_two_widths_is_one_person(community_staff):
    first = good_row(1)
    batch = upload(community_staff, [first, good_row(2, 身份证号=first[1].translate(FULL_WIDTH))])
    assert errors_of(batch) == [(3, "身份证号")]


def test_a_row_with_the_number_of_a_merged_record_is_explained(community_staff, street_officer, community):
    from stations.services.merges import resident_merge

    kept = ResidentFactory(community=community, name="王秀英", mobile="13905328861")
    typo = valid_id_number(birth=kept.birth_date, male=kept.sex == "M", serial=77)
    merged = ResidentFactory(community=community, name="王秀英", mobile="13905328861", id_number=typo)
    resident_merge(actor=street_officer, kept=kept, duplicate=merged)
    batch = upload(community_staff, [good_row(1, 身份证号=typo)], update_existing=True)
    assert errors_of(batch) == [(2, "身份证号")]
    assert "merged" in batch.errors[0]["message"]


def test_imported_residents_are_found_by_pinyin_and_last_four(community_staff, community):
    from stations.selectors import resident_search

    batch = upload(community_staff, [good_row(1, 姓名="张晓燕", 手机号="13900004321")])
    resident_import_batch_confirm(actor=community_staff, batch=batch)
    for text in ("zxy", "晓燕", "4321"):
        assert [r.name for r in resident_search(user=community_staff, filters={"text": text})] == ["张晓燕"]


def test_an_updated_name_from_an_import_is_what_search_finds(community_staff, community):
    from stations.selectors import resident_search

    existing = ResidentFactory(community=community, name="王芳")
    batch = upload(community_staff, [good_row(1, 姓名="李娜", 身份证号=existing.id_number)], update_existing=True)
    resident_import_batch_confirm(actor=community_staff, batch=batch)
    assert [r.pk for r in resident_search(user=community_staff, filters={"text": "ln"})] == [existing.pk]
    assert list(resident_search(user=community_staff, filters={"text": "wf"})) == []


# --- wanted occupation group ------------------------------------------------------------------
OCCUPATION_HEADERS = [*HEADERS, "意向岗位类别", "意向岗位"]


def _occupation_row(n, cell):
    return [*good_row(n), cell, "保洁"]


def test_the_wanted_occupation_cell_is_stored_as_the_classification_code(community_staff):
    batch = upload(
        community_staff,
        [_occupation_row(1, "4-10"), _occupation_row(2, "居民服务人员"), _occupation_row(3, "")],
        headers=OCCUPATION_HEADERS,
    )
    resident_import_batch_confirm(actor=community_staff, batch=batch)

    stored = dict(Resident.objects.values_list("name", "wanted_occupation"))
    assert stored == {"居民1": "4-10", "居民2": "4-10", "居民3": ""}
    assert set(Resident.objects.values_list("wanted_job_categories", flat=True)) == {"保洁"}


def test_an_unknown_wanted_occupation_is_a_row_error_saying_what_is_expected_and_nothing_is_imported(community_staff):
    batch = upload(
        community_staff, [_occupation_row(1, "4-10"), _occupation_row(2, "保洁员")], headers=OCCUPATION_HEADERS
    )

    assert batch.status == ImportStatus.INVALID
    assert errors_of(batch) == [(3, "意向岗位类别")]
    assert "write its code (such as 4-10) or its full name" in batch.errors[0]["message"]
    with pytest.raises(ValidationError):
        resident_import_batch_confirm(actor=community_staff, batch=batch)
    assert Resident.objects.count() == 0


def test_a_wanted_occupation_fitting_several_groups_lists_them(community_staff):
    batch = upload(community_staff, [_occupation_row(1, "金融")], headers=OCCUPATION_HEADERS)

    assert errors_of(batch) == [(2, "意向岗位类别")]
    assert "2-06 经济和金融专业人员" in batch.errors[0]["message"]
