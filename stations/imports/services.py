"""The resident ledger import, from upload to the last row written.

    upload ─► check (inline, or a Celery task above ASYNC_ROW_THRESHOLD rows)
           ─► INVALID: staff correct rows in the browser or upload again ─► check
                       or leave the rows with errors out (listed on the batch) ─► check
           ─► READY ─► confirm ─► import (one transaction: all rows or none) ─► DONE

The steps are the shared ones of stations/imports/batches.py; this module
says how a ledger is checked and written (ResidentImportFlow).

The check runs again inside the import transaction, so a person registered
elsewhere between the preview and the confirmation stops the import instead
of being duplicated. New records go in with bulk_create (derived fields
filled by Resident.derive(), target groups through the M2M table in bulk,
first employment status and unemployment registration in bulk); records
that change status go through resident_employment_status_change, the one
way a status changes.
"""

from __future__ import annotations

import functools

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stations import closed_months
from stations.models import (
    EmploymentStatus,
    EmploymentStatusChange,
    ImportStatus,
    Resident,
    ResidentImportBatch,
    UnemploymentRegistration,
    User,
)
from stations.services.common import require

from . import batches
from .batches import CheckResult
from .columns import COLUMNS_BY_KEY
from .context import build_context
from .reading import read_ledger
from .validation import MODEL_FIELDS, check_rows

# Above this many rows the check and the import run as a Celery task with a
# progress page; below, they finish within the request (well under a second).
ASYNC_ROW_THRESHOLD = 500
BULK_BATCH_SIZE = 1000
UPDATE_FIELDS = [
    *(f for f in MODEL_FIELDS if f != "employment_status"),
    "community",
    "birth_date",
    "sex",
    "four_clears_score",
    "search_tokens",
    "id_tail",
    "mobile_tail",
    "updated_at",
]


# --- the flow ---------------------------------------------------------------------
class ResidentImportFlow(batches.ImportFlow[CheckResult]):
    """The resident ledger for the shared steps (stations/imports/batches.py).
    Module attributes are looked up at each call, so tests can change them."""

    model = ResidentImportBatch
    permission = "stations.import_residents"
    task = "stations.tasks.resident_import_run"
    key_prefix = "stations.resident_import"
    label = "resident import"

    def threshold(self) -> int:
        return ASYNC_ROW_THRESHOLD

    def check(self, batch, *, trusted: bool = False) -> CheckResult:
        ctx = build_context(
            user=batch.created_by, rows=batch.rows, update_existing=batch.update_existing, trusted=trusted
        )
        return check_rows(batch.rows, ctx, progress=functools.partial(self.set_progress, batch.pk))

    def touch_closed_months(self, result: CheckResult) -> None:
        _touch_closed_months(result)

    def write_rows(self, batch, result: CheckResult) -> None:
        _write(batch, result)

    def summary(self, batch, result: CheckResult) -> dict:
        return {
            "updated_ids": [p.resident.pk for p in result.prepared if p.existing][:1000],
            "update_existing": batch.update_existing,
            "left_out_rows": [r["row"] for r in batch.left_out],
        }

    def conflict_message(self) -> str:
        return _("Someone registered one of these people while the import ran. Nothing was imported.")


FLOW = ResidentImportFlow()


# --- upload ---------------------------------------------------------------------
def resident_import_batch_create(
    *, actor: User, filename: str, data: bytes, update_existing: bool = False
) -> ResidentImportBatch:
    """Read an uploaded ledger and start its check.

    Raises ValidationError when the file as a whole is unusable (not an xlsx,
    macros, zip bomb, no header row, too many rows); row problems are recorded
    on the batch.
    """
    require(actor, "stations.import_residents")
    return batches.batch_create(
        FLOW,
        actor=actor,
        filename=filename or "ledger.xlsx",
        data=data,
        sheet=read_ledger(data),
        update_existing=update_existing,
    )


def resident_import_batch_check(*, batch_pk: int) -> ResidentImportBatch | None:
    """Check every row of a waiting batch and record the errors. Idempotent:
    a batch not waiting for its check is left alone."""
    return batches.batch_check(FLOW, batch_pk=batch_pk)


# --- corrections in the browser --------------------------------------------------
def resident_import_batch_correct(
    *, actor: User, batch: ResidentImportBatch, corrections: dict[int, dict[str, str]], update_existing: bool
) -> ResidentImportBatch:
    """Apply cell corrections ({row number: {column key: text}}) typed in the
    browser and check the batch again."""
    batches.require_own(FLOW, actor, batch)
    if batch.status not in (ImportStatus.INVALID, ImportStatus.READY):
        raise ValidationError(_("This import can no longer be changed."))
    rows = batch.rows
    by_number = {r["row"]: r for r in rows}
    for number, cells in corrections.items():
        raw = by_number.get(number)
        if raw is None:
            continue
        for key, text in cells.items():
            if key not in COLUMNS_BY_KEY:
                continue
            text = (text or "").strip()
            if raw["values"].get(key, "") == text:
                continue
            raw["values"][key] = text
            # A retyped cell is text now: drop what the spreadsheet had done to it.
            flags = raw.get("flags", {})
            for name in list(flags):
                flags[name] = [k for k in flags[name] if k != key]
                if not flags[name]:
                    del flags[name]
            if not flags:
                raw.pop("flags", None)
    with transaction.atomic():
        batch.rows = rows
        batch.update_existing = update_existing
        batch.status = ImportStatus.PENDING
        batch.save(update_fields=["rows", "update_existing", "status"])
        batches.start_check(FLOW, batch)
    batch.refresh_from_db()
    return batch


def resident_import_batch_leave_out_invalid(
    *, actor: User, batch: ResidentImportBatch, rows_to_leave_out: int
) -> ResidentImportBatch:
    """Drop the rows with errors and check the rest (stations.imports.batches.batch_leave_out)."""
    return batches.batch_leave_out(FLOW, actor=actor, batch=batch, rows_to_leave_out=rows_to_leave_out)


# --- confirm and import ----------------------------------------------------------------
def resident_import_batch_confirm(*, actor: User, batch: ResidentImportBatch) -> ResidentImportBatch:
    """Queue the import of a checked batch (all rows or none)."""
    return batches.batch_confirm(FLOW, actor=actor, batch=batch)


def resident_import_batch_retry(*, actor: User, batch: ResidentImportBatch) -> ResidentImportBatch:
    """ "Try again" on a failed batch: its rows are checked again (by a worker
    for a large file), then the uploader confirms the import as before."""
    return batches.batch_retry(FLOW, actor=actor, batch=batch)


def resident_import_batch_fail(*, batch_pk: int, reason: str) -> None:
    """The background task gave up on a batch: its page says so, with the
    reason and "try again"."""
    batches.batch_fail(FLOW, batch_pk=batch_pk, reason=reason)


def resident_import_batch_cancel(*, actor: User, batch: ResidentImportBatch) -> ResidentImportBatch:
    """Discard a batch that has not been imported; its rows are deleted."""
    return batches.batch_cancel(FLOW, actor=actor, batch=batch)


def resident_import_batch_execute(*, batch_pk: int) -> ResidentImportBatch | None:
    """Import a confirmed batch in one transaction. Idempotent: only a batch
    waiting to import is taken, so a retried task does nothing twice."""
    return batches.batch_execute(FLOW, batch_pk=batch_pk)


def _touch_closed_months(result: CheckResult) -> None:
    """Every community and date the import writes: registrations at the station
    (old and new), and the status dates it records."""
    today = timezone.localdate()
    dates: list = []
    for p in result.prepared:
        if not p.existing:
            dates.append(p.resident.registered_on)
        elif p.old_registered_on != p.resident.registered_on:
            dates += [p.old_registered_on, p.resident.registered_on]
        if p.resident.employment_status and p.resident.employment_status != p.old_status:
            dates.append(p.unemployed_since or today)
    closed_months.touch(communities={p.resident.community_id for p in result.prepared}, dates=dates)


def _write(batch: ResidentImportBatch, result: CheckResult) -> None:
    actor = batch.created_by
    today = timezone.localdate()
    note = _("Imported from %(file)s") % {"file": batch.filename}
    new_rows = [p for p in result.prepared if not p.existing]
    Through = Resident.target_groups.through

    done = 0
    for start in range(0, len(new_rows), BULK_BATCH_SIZE):
        chunk = new_rows[start : start + BULK_BATCH_SIZE]
        Resident.objects.bulk_create([p.resident for p in chunk])
        done += len(chunk)
        FLOW.set_progress(batch.pk, done)
    Through.objects.bulk_create(
        [
            Through(resident_id=p.resident.pk, targetgroup_id=group_pk)
            for p in new_rows
            for group_pk in p.group_pks or ()
        ],
        batch_size=BULK_BATCH_SIZE * 2,
    )
    EmploymentStatusChange.objects.bulk_create(
        [
            EmploymentStatusChange(
                resident_id=p.resident.pk,
                status=p.resident.employment_status,
                changed_on=p.unemployed_since or today,
                recorded_by=actor,
                note=note[:200],
            )
            for p in new_rows
            if p.resident.employment_status
        ],
        batch_size=BULK_BATCH_SIZE,
    )
    UnemploymentRegistration.objects.bulk_create(
        [
            UnemploymentRegistration(
                resident_id=p.resident.pk,
                number=p.registration_number,
                registered_on=p.unemployed_since or today,
            )
            for p in new_rows
            if p.resident.employment_status == EmploymentStatus.UNEMPLOYED
        ],
        batch_size=BULK_BATCH_SIZE,
    )

    updated = [p for p in result.prepared if p.existing]
    if updated:
        now = timezone.now()
        status_changes = []
        for p in updated:
            new_status = p.resident.employment_status
            if new_status and new_status != p.old_status:
                status_changes.append((p, new_status))
            p.resident.employment_status = p.old_status
            p.resident.updated_at = now
        Resident.objects.bulk_update([p.resident for p in updated], UPDATE_FIELDS, batch_size=BULK_BATCH_SIZE)
        with_groups = [p for p in updated if p.group_pks is not None]
        if with_groups:
            Through.objects.filter(resident_id__in=[p.resident.pk for p in with_groups]).delete()
            Through.objects.bulk_create(
                [Through(resident_id=p.resident.pk, targetgroup_id=g) for p in with_groups for g in p.group_pks],
                batch_size=BULK_BATCH_SIZE * 2,
            )
        from stations.services import resident_employment_status_change

        for p, new_status in status_changes:
            resident_employment_status_change(
                actor=actor,
                resident=p.resident,
                status=new_status,
                changed_on=p.unemployed_since or today,
                note=note,
                registration_number=p.registration_number,
            )
        FLOW.set_progress(batch.pk, batch.row_count)
