"""Resident ledger import: leaving the rows with errors out and importing the rest."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from stations.imports.services import resident_import_batch_confirm, resident_import_batch_leave_out_invalid
from stations.models import AuditAction, AuditEntry, ImportStatus, Resident
from tests.stations.test_imports import english, good_row, upload  # noqa: F401  (english: autouse fixture)


def bad_row(n):
    return good_row(n, 身份证号="370402198501011234")  # wrong check digit


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
