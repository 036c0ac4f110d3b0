"""Import batches: one per uploaded workbook (the resident ledger here, the
employers in jobs).

A batch keeps the uploaded file, the rows read from it (as text, so staff can
correct them in the browser) and the errors found, until the user confirms
it. The batch sits in the uploader's own node of the region, so it is scoped
like the audit trail: the uploader and the levels above see it, no one else.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stations.scoping import ScopedQuerySet, ScopePaths

from .region import Community, District, Street


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be checked")
    VALIDATING = "validating", _("Checking rows")
    INVALID = "invalid", _("Has errors")
    READY = "ready", _("Ready to import")
    QUEUED = "queued", _("Waiting to import")
    IMPORTING = "importing", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class ImportBatch(models.Model):
    """What every import batch holds, whatever it imports (residents here,
    employers in jobs): the uploaded file, its rows as text, the errors found,
    the state of its check and import, and the uploader's node for scope.
    The steps are in stations/imports/batches.py."""

    # The uploader's node, copied so the batch is scoped without joining the user.
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    street = models.ForeignKey(Street, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    filename = models.CharField(_("file name"), max_length=200)
    # Kept in the database (at most 10 MB) so a worker on another machine can
    # read it and it is never served as a media file.
    file_data = models.BinaryField(_("file"), editable=False)
    status = models.CharField(_("status"), max_length=12, choices=ImportStatus, default=ImportStatus.PENDING)
    # Rows as read from the sheet: [{"row": 2, "values": {field: text}}, ...].
    rows = models.JSONField(_("rows"), default=list, blank=True)
    # [{"row": 2, "column": "身份证号", "field": "id_number", "message": "..."}, ...]
    errors = models.JSONField(_("errors"), default=list, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    progress = models.PositiveIntegerField(_("rows processed"), default=0)
    message = models.CharField(_("message"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    scope_paths = ScopePaths(district="district", street="street", community="community")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def error_row_count(self) -> int:
        return len({e["row"] for e in self.errors})

    @property
    def is_running(self) -> bool:
        return self.status in (
            ImportStatus.PENDING,
            ImportStatus.VALIDATING,
            ImportStatus.QUEUED,
            ImportStatus.IMPORTING,
        )


class ResidentImportBatch(ImportBatch):
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="resident_import_batches",
        verbose_name=_("uploaded by"),
    )
    update_existing = models.BooleanField(_("update existing records"), default=False)
    new_count = models.PositiveIntegerField(_("new residents"), default=0)
    update_count = models.PositiveIntegerField(_("updated residents"), default=0)

    class Meta(ImportBatch.Meta):
        verbose_name = _("resident import")
        verbose_name_plural = _("resident imports")
