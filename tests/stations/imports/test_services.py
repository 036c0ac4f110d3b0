"""The resident ledger import (stations/imports/services.py): all or nothing,
existing records, scope, tasks, closed months, leaving bad rows out."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from openpyxl import Workbook

from reports.models import PeriodClose
from stations.imports import services as import_services
from stations.imports.services import (
    resident_import_batch_confirm,
    resident_import_batch_correct,
    resident_import_batch_create,
    resident_import_batch_execute,
    resident_import_batch_leave_out_invalid,
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
from tests.factories.reports import close_month, day_in
from tests.stations.imports.conftest import FULL_WIDTH, bad_row, errors_of, good_row, upload

pytestmark = pytest.mark.django_db


LEDGER_HEADERS = ["姓名", "身份证号", "住址", "文化程度", "就业状态", "登记日期", "失业登记日期"]


def _ledger(*rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(LEDGER_HEADERS)
    for n, (registered, unemployed) in enumerate(rows):
        birth = dt.date(1985, 1, 1) + dt.timedelta(days=n)
        ws.append(
            [
                f"居民{n}",
                valid_id_number(birth=birth, serial=n),
                f"光明路{n}号",
                "高中",
                "登记失业",
                registered,
                unemployed,
            ]
        )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _upload(user, *rows):
    with translation.override("en"):
        return resident_import_batch_create(
            actor=user, filename="台账.xlsx", data=_ledger(*rows), update_existing=False
        )


def test_a_ledger_row_registered_in_a_closed_month_is_marked_before_anything_is_written(community_staff, closed, month):
    batch = _upload(community_staff, (day_in(month).isoformat(), ""))
    assert batch.status == ImportStatus.INVALID
    assert [(e["row"], e["field"]) for e in batch.errors] == [(2, "registered_on")]
    assert month.label in batch.errors[0]["message"]


def test_a_ledger_row_registered_unemployed_in_a_closed_month_is_marked(community_staff, closed, month):
    batch = _upload(community_staff, ("", day_in(month).isoformat()))
    assert [(e["row"], e["field"]) for e in batch.errors] == [(2, "unemployed_since")]


def test_ledger_rows_take_their_registration_date_from_the_ledger(community_staff, month):
    earlier = day_in(month) - dt.timedelta(days=60)
    batch = _upload(community_staff, (earlier.isoformat(), earlier.isoformat()), ("", ""))
    assert batch.status == ImportStatus.READY, batch.errors
    resident_import_batch_confirm(actor=community_staff, batch=batch)
    dates = sorted(Resident.objects.values_list("registered_on", flat=True))
    assert dates == [earlier, timezone.localdate()]
    assert UnemploymentRegistration.objects.filter(registered_on=earlier).count() == 1


def test_a_month_closed_between_the_check_and_the_import_stops_the_import(community_staff, community, month):
    batch = _upload(community_staff, (day_in(month).isoformat(), ""))
    assert batch.status == ImportStatus.READY, batch.errors
    # Confirmed and waiting for the worker (a large file) when the month is closed.
    ResidentImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.QUEUED)
    close_month(community=community, by=community_staff, month=month)
    batch = resident_import_batch_execute(batch_pk=batch.pk)
    assert batch.status in (ImportStatus.FAILED, ImportStatus.INVALID)
    assert not Resident.objects.exists()
    assert PeriodClose.objects.count() == 1


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


def test_retyped_id_cell_loses_its_number_flag(community_staff):
    row = good_row(1)
    good_id = row[1]
    row[1] = 3.70402198501011e17
    batch = upload(community_staff, [row])
    batch = resident_import_batch_correct(
        actor=community_staff, batch=batch, corrections={2: {"id_number": good_id}}, update_existing=False
    )
    assert batch.status == ImportStatus.READY


def test_the_task_is_idempotent(community_staff):
    from stations.tasks import resident_import_run

    batch = upload(community_staff, [good_row(1)])
    ResidentImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.QUEUED)
    resident_import_run(batch.pk)
    resident_import_run(batch.pk)
    assert Resident.objects.count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.IMPORT).count() == 1


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


def test_leaving_out_the_rows_with_errors_imports_the_others(community_staff):
    batch = upload(community_staff, [good_row(1), bad_row(2), good_row(3)])
    assert batch.status == ImportStatus.INVALID

    batch = resident_import_batch_leave_out_invalid(actor=community_staff, batch=batch, rows_to_leave_out=1)
    assert (batch.status, batch.rows_to_import) == (ImportStatus.READY, 2)
    batch = resident_import_batch_confirm(actor=community_staff, batch=batch)

    assert (batch.status, batch.new_count) == (ImportStatus.DONE, 2)
    assert sorted(Resident.objects.values_list("name", flat=True)) == ["居民1", "居民3"]


def test_the_rows_left_out_stay_listed_on_the_batch_after_the_import(community_staff):
    batch = upload(community_staff, [good_row(1), bad_row(2)])
    batch = resident_import_batch_leave_out_invalid(actor=community_staff, batch=batch, rows_to_leave_out=1)
    batch = resident_import_batch_confirm(actor=community_staff, batch=batch)

    assert [(r["row"], r["name"]) for r in batch.left_out] == [(3, "居民2")]
    assert batch.left_out[0]["problems"][0].startswith("身份证号: ")


def test_nothing_is_left_out_when_the_rows_with_errors_are_not_as_many_as_the_warning_said(community_staff):
    batch = upload(community_staff, [good_row(1), bad_row(2), bad_row(3)])

    with pytest.raises(ValidationError):
        resident_import_batch_leave_out_invalid(actor=community_staff, batch=batch, rows_to_leave_out=1)

    batch.refresh_from_db()
    assert (batch.status, len(batch.rows), batch.left_out) == (ImportStatus.INVALID, 3, [])


def test_a_file_of_only_bad_rows_cannot_be_imported_by_leaving_them_all_out(community_staff):
    batch = upload(community_staff, [bad_row(1)])

    with pytest.raises(ValidationError):
        resident_import_batch_leave_out_invalid(actor=community_staff, batch=batch, rows_to_leave_out=1)


def test_the_audit_names_the_rows_left_out_and_the_import_repeats_them(community_staff):
    batch = upload(community_staff, [good_row(1), bad_row(2)])
    batch = resident_import_batch_leave_out_invalid(actor=community_staff, batch=batch, rows_to_leave_out=1)
    resident_import_batch_confirm(actor=community_staff, batch=batch)

    entries = AuditEntry.objects.filter(object_id=str(batch.pk)).order_by("pk")
    assert entries.get(action=AuditAction.UPDATE).changes == {"left_out_rows": [3], "rows_kept": 1}
    assert entries.get(action=AuditAction.IMPORT).changes["left_out_rows"] == [3]
