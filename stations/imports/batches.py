"""The steps every import batch goes through, whatever it imports.

    upload ─► check (inline, or a Celery task above the flow's threshold)
           ─► INVALID: staff correct the rows and check again
           ─► READY ─► confirm ─► import (one transaction: all rows or none) ─► DONE
    a step the task gives up on ─► FAILED ─► "try again" (checked again) or cancel

An import (the resident ledger in services.py, the employers in
jobs.services.employer_imports) describes itself with an ImportFlow: its batch
model, the rule that allows it, its Celery task, how it checks the rows, how
it writes them and where it records progress. The functions here move a batch
from state to state, each claiming the batch with a conditional UPDATE on its
status, so a task delivered twice or a double click does nothing twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stations import closed_months
from stations.audit import audit_record
from stations.models import AuditAction, ImportBatch, ImportStatus, User
from stations.services.common import require

logger = logging.getLogger(__name__)

RUNNING = [ImportStatus.PENDING, ImportStatus.VALIDATING, ImportStatus.QUEUED, ImportStatus.IMPORTING]


@dataclass
class CheckResult:
    """What a check found: the rows ready to write (each `existing` when it
    updates a record already registered) and every problem, row by row
    ({"row", "column", "field", "message"})."""

    prepared: list = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)

    @property
    def new_count(self) -> int:
        return sum(1 for p in self.prepared if not p.existing)

    @property
    def update_count(self) -> int:
        return sum(1 for p in self.prepared if p.existing)


ResultT = TypeVar("ResultT", bound=CheckResult)


class ImportFlow(Generic[ResultT]):
    """What one kind of import tells the shared steps. Subclasses set the
    attributes and implement the methods that raise NotImplementedError."""

    model: type[ImportBatch]
    permission: str  # the rule that allows the import (stations.permissions)
    task: str  # the Celery task that runs whichever step a batch waits for
    key_prefix: str  # of its hand-off keys (stations.TaskHandoff)
    label: str  # for the log

    def threshold(self) -> int:
        """Above this many rows the check and the import run in the task."""
        raise NotImplementedError

    # --- progress ---------------------------------------------------------------
    # The batch's `progress` column is the truth, written as rows are done when
    # no transaction is open (a worker's check). The import runs in one
    # transaction, which hides its own writes from the progress page until the
    # commit: its progress goes to the cache as well, which the page prefers
    # when it knows more. With the cache down the page still answers, from the
    # column (an import then shows 0 rows until it is done).
    progress_ttl = 3600

    def _progress_key(self, batch_pk: int) -> str:
        return f"{self.key_prefix}.progress:{batch_pk}"

    def set_progress(self, batch_pk: int, done: int, *, in_database: bool = True) -> None:
        cache.set(self._progress_key(batch_pk), done, self.progress_ttl)
        if in_database and not transaction.get_connection().in_atomic_block:
            self.model.objects.filter(pk=batch_pk).update(progress=done)

    def progress(self, batch) -> int:
        """Rows processed so far by the running step (0 to row_count)."""
        if not batch.is_running:
            return batch.row_count
        return min(max(cache.get(self._progress_key(batch.pk), 0), batch.progress), batch.row_count)

    def check(self, batch, *, trusted: bool = False) -> ResultT:
        """Check every row; the result has `errors` (a list of
        {"row", "column", "field", "message"})."""
        raise NotImplementedError

    def counts(self, result: ResultT) -> dict[str, int]:
        """Batch fields the check and the import fill from a result."""
        return {"new_count": result.new_count, "update_count": result.update_count}

    def write(self, batch, result: ResultT) -> dict:
        """Write the checked rows (inside the import's transaction), guarded
        against the closed months they reach; returns the audit entry's changes."""
        with closed_months.guarded():
            self.touch_closed_months(result)
            self.write_rows(batch, result)
        return {
            "rows": batch.row_count,
            "created": result.new_count,
            "updated": result.update_count,
            **self.summary(batch, result),
        }

    def touch_closed_months(self, result: ResultT) -> None:
        """Name every community and date the import writes (closed_months.touch)."""
        raise NotImplementedError

    def write_rows(self, batch, result: ResultT) -> None:
        raise NotImplementedError

    def summary(self, batch, result: ResultT) -> dict:
        """What the audit entry records beyond the rows created and updated."""
        return {}

    def conflict_message(self) -> str:
        """Shown when a uniqueness conflict stopped the import."""
        return _("Someone else saved one of these records while the import ran. Nothing was imported.")

    # --- derived ---------------------------------------------------------------
    def needs_worker(self, batch) -> bool:
        return batch.row_count > self.threshold()

    def handoff_keys(self, batch) -> dict[str, str]:
        """Keys of the background work of a batch, one per step: the check's
        hand-off may still be finishing when the import is asked for."""
        return {"check": f"{self.key_prefix}.check:{batch.pk}", "import": f"{self.key_prefix}.run:{batch.pk}"}


def node_of(user: User) -> dict:
    """The uploader's district, street and community, copied onto a batch so
    it is scoped like the audit trail."""
    community = user.community
    street = user.street or (community.street if community else None)
    district = user.district or (street.district if street else None)
    return {"district": district, "street": street, "community": community}


def require_own(flow: ImportFlow, actor: User, batch) -> None:
    require(actor, flow.permission)
    if batch.created_by_id != actor.pk:
        raise PermissionDenied("import batch of another user")


def _hand_off(flow: ImportFlow, batch, step: str) -> None:
    from stations.services.background import task_hand_off

    task_hand_off(task=flow.task, key=flow.handoff_keys(batch)[step], kwargs={"batch_pk": batch.pk})


def start_check(flow: ImportFlow, batch) -> None:
    """Within the caller's transaction: hand a large batch's check to a worker
    (through the outbox, so it waits out a broker outage), or check a small
    one now."""
    if flow.needs_worker(batch):
        _hand_off(flow, batch, "check")
    else:
        batch_check(flow, batch_pk=batch.pk)


def batch_create(flow: ImportFlow, *, actor: User, filename: str, data: bytes, sheet, **fields):
    """Save an uploaded sheet as a batch of `flow` and start its check; the
    columns the sheet had that the import does not know are named on it."""
    message = ""
    if sheet.ignored_headers:
        message = _("These columns were not recognised and were ignored: %(columns)s") % {
            "columns": "、".join(sheet.ignored_headers)
        }
    batch = flow.model(
        created_by=actor,
        filename=filename[:200],
        file_data=data,
        rows=sheet.rows,
        row_count=len(sheet.rows),
        message=message[:500],
        **node_of(actor),
        **fields,
    )
    with transaction.atomic():
        batch.save()
        start_check(flow, batch)
    batch.refresh_from_db()
    return batch


def batch_check(flow: ImportFlow, *, batch_pk: int):
    """Check every row of a waiting batch and record the errors. Idempotent:
    a batch not waiting for its check is left alone (None)."""
    model = flow.model
    if not model.objects.filter(pk=batch_pk, status=ImportStatus.PENDING).update(
        status=ImportStatus.VALIDATING, progress=0
    ):
        return None
    batch = model.objects.select_related("created_by").get(pk=batch_pk)
    flow.set_progress(batch.pk, 0, in_database=False)  # the claiming UPDATE set the column
    try:
        result = flow.check(batch)
    except Exception:
        # Back to waiting, so the task's retry checks it again; when the task
        # gives up, batch_fail records it.
        model.objects.filter(pk=batch_pk, status=ImportStatus.VALIDATING).update(status=ImportStatus.PENDING)
        raise
    batch.errors = result.errors
    batch.status = ImportStatus.INVALID if result.errors else ImportStatus.READY
    counts = flow.counts(result)
    for name, value in counts.items():
        setattr(batch, name, value)
    batch.progress = batch.row_count
    batch.save(update_fields=["errors", "status", "progress", *counts])
    return batch


def batch_leave_out(flow: ImportFlow, *, actor: User, batch, rows_to_leave_out: int):
    """Drop the rows with errors from a checked batch and check the rest, so
    it can be confirmed without them. `rows_to_leave_out` is the number the
    warning showed: when the rows with errors are no longer that many (a
    second tab corrected some), nothing changes. The rows left out stay
    listed on the batch (row, name, problems) for its report."""
    require_own(flow, actor, batch)
    with transaction.atomic():
        batch = flow.model.objects.select_for_update().get(pk=batch.pk)
        if batch.status != ImportStatus.INVALID:
            raise ValidationError(_("Only rows of an import with errors can be left out."))
        problems: dict[int, list[str]] = {}
        for error in batch.errors:
            problems.setdefault(error["row"], []).append(f"{error['column']}: {error['message']}")
        if len(problems) != rows_to_leave_out:
            raise ValidationError(
                _("The rows with errors have changed: read the warning again before leaving them out.")
            )
        kept = [r for r in batch.rows if r["row"] not in problems]
        if not kept:
            raise ValidationError(_("Every row has an error: there is nothing left to import."))
        names = {r["row"]: r["values"].get("name", "") for r in batch.rows}
        batch.left_out = [
            *batch.left_out,
            *({"row": row, "name": names.get(row, ""), "problems": problems[row]} for row in sorted(problems)),
        ]
        batch.rows = kept
        batch.errors = []
        batch.status = ImportStatus.PENDING
        batch.save(update_fields=["left_out", "rows", "errors", "status"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=batch,
            object_repr=batch.filename,
            changes={"left_out_rows": sorted(problems), "rows_kept": len(kept)},
        )
        start_check(flow, batch)
    batch.refresh_from_db()
    return batch


def batch_confirm(flow: ImportFlow, *, actor: User, batch):
    """Queue the import of a checked batch (all rows or none): in the task
    for a large batch, now for a small one."""
    require_own(flow, actor, batch)
    model = flow.model
    with transaction.atomic():
        if not model.objects.filter(pk=batch.pk, status=ImportStatus.READY).update(status=ImportStatus.QUEUED):
            raise ValidationError(_("This import is not ready: check its rows first."))
        if flow.needs_worker(batch):
            _hand_off(flow, batch, "import")
    if not flow.needs_worker(batch):
        try:
            batch_execute(flow, batch_pk=batch.pk)
        except Exception:
            fail(flow, batch.pk, _("The import failed and nothing was imported. Try again or ask the administrator."))
            raise
    batch.refresh_from_db()
    return batch


def batch_retry(flow: ImportFlow, *, actor: User, batch):
    """ "Try again" on a failed batch: its rows are checked again (by a worker
    for a large file), then the uploader confirms the import as before."""
    require_own(flow, actor, batch)
    with transaction.atomic():
        if (
            not flow.model.objects.filter(pk=batch.pk, status=ImportStatus.FAILED)
            .exclude(rows=[])
            .update(status=ImportStatus.PENDING, message="", finished_at=None)
        ):
            raise ValidationError(_("Only a failed import can be tried again."))
        batch.refresh_from_db()
        start_check(flow, batch)
    batch.refresh_from_db()
    return batch


def batch_fail(flow: ImportFlow, *, batch_pk: int, reason: str) -> None:
    """The background task gave up on a batch: its page says so, with the
    reason and "try again"."""
    message = _("The import failed and nothing was imported: %(reason)s") % {"reason": reason}
    flow.model.objects.filter(pk=batch_pk, status__in=RUNNING).update(
        status=ImportStatus.FAILED, message=message[:500], finished_at=timezone.now()
    )


def batch_cancel(flow: ImportFlow, *, actor: User, batch):
    """Discard a batch that has not been imported; its rows are deleted."""
    require_own(flow, actor, batch)
    if not flow.model.objects.filter(
        pk=batch.pk, status__in=[ImportStatus.INVALID, ImportStatus.READY, ImportStatus.FAILED]
    ).update(status=ImportStatus.CANCELLED, rows=[], file_data=b"", finished_at=timezone.now()):
        raise ValidationError(_("This import can no longer be cancelled."))
    batch.refresh_from_db()
    return batch


def batch_execute(flow: ImportFlow, *, batch_pk: int):
    """Import a confirmed batch in one transaction. The rows are checked again
    inside it, so a record changed since the preview stops the import instead
    of being overwritten. Idempotent: only a batch waiting to import is taken,
    so a retried task does nothing twice."""
    model = flow.model
    if not model.objects.filter(pk=batch_pk, status=ImportStatus.QUEUED).update(
        status=ImportStatus.IMPORTING, progress=0
    ):
        return None
    batch = model.objects.select_related("created_by").get(pk=batch_pk)
    flow.set_progress(batch.pk, 0, in_database=False)  # the claiming UPDATE set the column
    try:
        with transaction.atomic():
            result = flow.check(batch, trusted=True)
            if result.errors:
                batch.errors = result.errors
                batch.status = ImportStatus.INVALID
                batch.message = _(
                    "Records changed since the check: nothing was imported. Correct the rows below and confirm again."
                )
                batch.save(update_fields=["errors", "status", "message"])
                return batch
            changes = flow.write(batch, result)
            audit_record(
                actor=batch.created_by,
                action=AuditAction.IMPORT,
                obj=batch,
                object_repr=batch.filename,
                changes=changes,
            )
            counts = flow.counts(result)
            for name, value in counts.items():
                setattr(batch, name, value)
            batch.status = ImportStatus.DONE
            batch.errors = []
            # The records are saved now: no second copy of their data.
            batch.rows, batch.file_data = [], b""
            batch.progress = batch.row_count
            batch.finished_at = timezone.now()
            batch.save(update_fields=["status", "errors", "rows", "file_data", "progress", "finished_at", *counts])
    except closed_months.ClosedMonthError as exc:
        # The rows were checked against the closed months; a month closed since
        # the check (or a date the check could not see) stops it here.
        fail(flow, batch_pk, " ".join(exc.messages))
    except IntegrityError:
        logger.warning("%s %s hit a uniqueness conflict", flow.label, batch_pk)
        fail(flow, batch_pk, flow.conflict_message())
    except Exception:
        logger.exception("%s %s failed", flow.label, batch_pk)
        # Nothing was written (one transaction): back to waiting for the
        # task's retry; the caller or the task records a failure for good.
        model.objects.filter(pk=batch_pk, status=ImportStatus.IMPORTING).update(status=ImportStatus.QUEUED)
        raise
    return model.objects.get(pk=batch_pk)


def fail(flow: ImportFlow, batch_pk: int, message: str) -> None:
    flow.model.objects.filter(pk=batch_pk).update(
        status=ImportStatus.FAILED, message=message[:500], finished_at=timezone.now()
    )
