"""Employer imports (用工单位导入): one batch per uploaded workbook, with the
fields and steps every import shares (stations.models.ImportBatch,
stations/imports/batches.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stations.models import ImportBatch


class EmployerImportBatch(ImportBatch):
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="employer_import_batches",
        verbose_name=_("uploaded by"),
    )
    new_count = models.PositiveIntegerField(_("new employers"), default=0)
    update_count = models.PositiveIntegerField(_("updated employers"), default=0)
    survey_count = models.PositiveIntegerField(_("labour surveys"), default=0)

    class Meta(ImportBatch.Meta):
        verbose_name = _("employer import")
        verbose_name_plural = _("employer imports")
