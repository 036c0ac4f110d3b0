"""Resident ledger import and list export pages (/staff/residents/import/,
/staff/residents/export/). Thin: the work is in stations.imports and
stations.exports."""

from __future__ import annotations

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from stations.excel import MAX_UPLOAD_BYTES, XLSX_CONTENT_TYPE
from stations.exports import URL_FILTERS, resident_export
from stations.imports.columns import COLUMNS, COLUMNS_BY_KEY, allowed_values
from stations.imports.services import (
    FLOW,
    resident_import_batch_cancel,
    resident_import_batch_confirm,
    resident_import_batch_correct,
    resident_import_batch_create,
    resident_import_batch_leave_out_invalid,
    resident_import_batch_retry,
)
from stations.imports.workbooks import marked_workbook, template_workbook
from stations.models import ImportStatus, ResidentImportBatch
from stations.selectors import resident_import_batch_get, resident_import_batch_list
from stations.validators import mask_resident_id
from stations.views import import_batches
from stations.views.mixins import StaffRequiredMixin

# The preview offers this many bad rows for correction in the browser; beyond
# that the marked copy is the better tool.
ROWS_EDITABLE = 100


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Ledger file (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "autofocus": True,
            }
        ),
    )
    update_existing = forms.BooleanField(
        label=gettext_lazy("Update existing records"),
        required=False,
        help_text=gettext_lazy(
            "Rows for people already registered in your area update their record (empty cells keep the "
            "recorded value). Without this, such rows are reported as errors."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("The file is larger than %(mb)d MB. Split it into smaller files.") % {"mb": MAX_UPLOAD_BYTES // 2**20}
            )
        return upload


class _ResidentImportPage(import_batches.ImportPageMixin):
    permission = "stations.import_residents"
    url_name = "stations:resident_import"
    batch_kwarg = "residentimportbatch_pk"
    batch_get = staticmethod(resident_import_batch_get)


class ImportStartView(_ResidentImportPage, import_batches.ImportUploadView):
    template_name = "stations/resident_import_upload.html"
    form_class = UploadForm
    batch_list = staticmethod(resident_import_batch_list)

    def create(self, form):
        upload = form.cleaned_data["file"]
        return resident_import_batch_create(
            actor=self.request.user,
            filename=upload.name,
            data=upload.read(),
            update_existing=form.cleaned_data["update_existing"],
        )


class ImportTemplateView(StaffRequiredMixin, View):
    permission = "stations.import_residents"

    def get(self, request):
        response = HttpResponse(template_workbook(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = (
            "attachment; filename*=UTF-8''%E5%B1%85%E6%B0%91%E5%8F%B0%E8%B4%A6%E6%A8%A1%E6%9D%BF.xlsx"
        )
        return response


class ImportDetailView(_ResidentImportPage, import_batches.ImportBatchDetailView):
    """Progress, preview with errors and corrections, or result: one page that
    follows the batch through its states."""

    flow = FLOW
    template_prefix = "stations/resident_import"

    def get_context_data(self, **kwargs):
        return super().get_context_data(columns=COLUMNS, **kwargs)

    def invalid_context(self, batch) -> dict:
        context = {**super().invalid_context(batch), **_correction_table(batch)}
        context["kept_if_left_out"] = batch.rows_to_import - context["bad_row_count"]
        return context

    def sample_row(self, raw: dict) -> dict:
        values = raw["values"]
        return {
            "row": raw["row"],
            "name": values.get("name", ""),
            "id": mask_resident_id(values.get("id_number", "").upper()),
            "community": values.get("community_name") or values.get("community_code", ""),
            "status": values.get("employment_status", ""),
        }


def _correction_table(batch: ResidentImportBatch) -> dict:
    """The bad rows as a table of inputs, the cells with errors marked."""
    bad_rows: dict[int, dict[str, str]] = {}
    for error in batch.errors:
        bad_rows.setdefault(error["row"], {})
        bad_rows[error["row"]][error["field"]] = (
            bad_rows[error["row"]].get(error["field"], "") + " " + error["message"]
        ).strip()
    editable = sorted(bad_rows)[:ROWS_EDITABLE]
    keys = {"name", "id_number"}
    for number in editable:
        keys.update(k for k in bad_rows[number] if k in COLUMNS_BY_KEY)
    columns = [c for c in COLUMNS if c.key in keys]
    by_number = {r["row"]: r for r in batch.rows}
    table = []
    for number in editable:
        values = by_number.get(number, {"values": {}})["values"]
        table.append(
            {
                "row": number,
                "cells": [
                    {
                        "key": c.key,
                        "name": f"c-{number}-{c.key}",
                        "value": values.get(c.key, ""),
                        "error": bad_rows[number].get(c.key, ""),
                        "header": c.header,
                    }
                    for c in columns
                ],
            }
        )
    return {
        "bad_row_count": len(bad_rows),
        "edit_columns": columns,
        "edit_rows": table,
        "edit_more": max(0, len(bad_rows) - ROWS_EDITABLE),
        "choice_lists": {c.key: allowed_values(c).split("、") for c in columns if allowed_values(c)},
    }


CELL_NAME = re.compile(r"^c-(\d+)-([a-z_]+)$")


class ImportCorrectView(_ResidentImportPage, import_batches.ImportBatchActionView):
    with_rows = True

    def act(self, batch):
        corrections: dict[int, dict[str, str]] = {}
        for name, value in self.request.POST.items():
            match = CELL_NAME.match(name)
            if match and match[2] in COLUMNS_BY_KEY:
                corrections.setdefault(int(match[1]), {})[match[2]] = value[:300]
        batch = resident_import_batch_correct(
            actor=self.request.user,
            batch=batch,
            corrections=corrections,
            update_existing=bool(self.request.POST.get("update_existing")),
        )
        if batch.status == ImportStatus.READY:
            messages.success(self.request, _("Every row is correct now. Check the summary and confirm the import."))
        return batch


class ImportConfirmView(_ResidentImportPage, import_batches.ImportBatchActionView):
    with_rows = True
    service = staticmethod(resident_import_batch_confirm)


class ImportLeaveOutView(_ResidentImportPage, import_batches.ImportBatchActionView):
    """Leave the rows with errors out of the import, after the page's warning
    said how many; the rest is checked again and can then be confirmed."""

    with_rows = True

    def act(self, batch):
        try:
            count = int(self.request.POST.get("rows_to_leave_out", ""))
        except ValueError:
            count = -1
        return resident_import_batch_leave_out_invalid(actor=self.request.user, batch=batch, rows_to_leave_out=count)


class ImportRetryView(_ResidentImportPage, import_batches.ImportBatchActionView):
    """ "Try again" on a failed import: its rows are checked again."""

    service = staticmethod(resident_import_batch_retry)


class ImportCancelView(_ResidentImportPage, import_batches.ImportCancelView):
    service = staticmethod(resident_import_batch_cancel)


class ImportMarkedCopyView(StaffRequiredMixin, View):
    """The uploaded rows with the bad cells marked and an error column."""

    permission = "stations.import_residents"

    def get(self, request, residentimportbatch_pk):
        batch = resident_import_batch_get(user=request.user, pk=residentimportbatch_pk, with_rows=True)
        response = HttpResponse(marked_workbook(batch.rows, batch.errors), content_type=XLSX_CONTENT_TYPE)
        stem = re.sub(r"\.xlsx$", "", batch.filename, flags=re.IGNORECASE)
        from urllib.parse import quote

        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(stem + '-错误标注.xlsx')}"
        response.personal_data = True
        return response


class ResidentExportView(StaffRequiredMixin, View):
    permission = "stations.export_residents"

    def get(self, request):
        filters = {k: request.GET.get(k, "") for k in URL_FILTERS}
        return resident_export(user=request.user, filters=filters, request=request)


def export_url(query: dict) -> str:
    """The export link for a list page's current filters."""
    from urllib.parse import urlencode

    params = {k: v for k, v in query.items() if k in URL_FILTERS and v}
    return reverse("stations:resident_export") + ("?" + urlencode(params) if params else "")


urlpatterns = [
    path("residents/import/", ImportStartView.as_view(), name="resident_import"),
    path("residents/import/template.xlsx", ImportTemplateView.as_view(), name="resident_import_template"),
    path(
        "residents/import/<int:residentimportbatch_pk>/",
        ImportDetailView.as_view(),
        name="resident_import_detail",
    ),
    path(
        "residents/import/<int:residentimportbatch_pk>/correct/",
        ImportCorrectView.as_view(),
        name="resident_import_correct",
    ),
    path(
        "residents/import/<int:residentimportbatch_pk>/confirm/",
        ImportConfirmView.as_view(),
        name="resident_import_confirm",
    ),
    path(
        "residents/import/<int:residentimportbatch_pk>/leave-out/",
        ImportLeaveOutView.as_view(),
        name="resident_import_leave_out",
    ),
    path(
        "residents/import/<int:residentimportbatch_pk>/retry/",
        ImportRetryView.as_view(),
        name="resident_import_retry",
    ),
    path(
        "residents/import/<int:residentimportbatch_pk>/cancel/",
        ImportCancelView.as_view(),
        name="resident_import_cancel",
    ),
    path(
        "residents/import/<int:residentimportbatch_pk>/marked.xlsx",
        ImportMarkedCopyView.as_view(),
        name="resident_import_marked",
    ),
    path("residents/export/", ResidentExportView.as_view(), name="resident_export"),
]
