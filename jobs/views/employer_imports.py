"""Employer import pages (/staff/jobs/employers/import/): upload, then one
page that follows the batch (progress, preview with the row-by-row report,
result), and the confirm, try-again and cancel buttons. Thin: the work is in
jobs.services.employer_imports and the shared steps of stations.imports."""

from __future__ import annotations

from django.urls import path

from jobs import selectors, services
from jobs.forms import ImportForm
from jobs.services.employer_imports import COLUMNS, FLOW, HEADERS, REQUIRED
from stations.imports.reading import MAX_ROWS
from stations.views import import_batches


class _EmployerImportPage(import_batches.ImportPageMixin):
    permission = "jobs.import_employers"
    url_name = "jobs:employer_import"
    batch_kwarg = "employerimportbatch_pk"
    batch_get = staticmethod(selectors.employer_import_batch_get)


class EmployerImportStartView(_EmployerImportPage, import_batches.ImportUploadView):
    template_name = "jobs/employer_import.html"
    form_class = ImportForm
    batch_list = staticmethod(selectors.employer_import_batch_list)

    def create(self, form):
        upload = form.cleaned_data["file"]
        return services.employer_import_batch_create(actor=self.request.user, filename=upload.name, data=upload.read())

    def get_context_data(self, **kwargs):
        kwargs["required"] = [HEADERS[key] for key in REQUIRED]
        kwargs["optional"] = [names[0] for key, names in COLUMNS if key not in REQUIRED]
        kwargs["max_rows"] = MAX_ROWS
        return super().get_context_data(**kwargs)


class EmployerImportDetailView(_EmployerImportPage, import_batches.ImportBatchDetailView):
    flow = FLOW
    template_prefix = "jobs/employer_import"

    def sample_row(self, raw: dict) -> dict:
        return {"row": raw["row"], **{key: raw["values"].get(key, "") for key in HEADERS}}


class EmployerImportConfirmView(_EmployerImportPage, import_batches.ImportBatchActionView):
    service = staticmethod(services.employer_import_batch_confirm)


class EmployerImportRetryView(_EmployerImportPage, import_batches.ImportBatchActionView):
    """ "Try again" on a failed import: its rows are checked again."""

    service = staticmethod(services.employer_import_batch_retry)


class EmployerImportCancelView(_EmployerImportPage, import_batches.ImportCancelView):
    service = staticmethod(services.employer_import_batch_cancel)


urlpatterns = [
    path("employers/import/", EmployerImportStartView.as_view(), name="employer_import"),
    path(
        "employers/import/<int:employerimportbatch_pk>/",
        EmployerImportDetailView.as_view(),
        name="employer_import_detail",
    ),
    path(
        "employers/import/<int:employerimportbatch_pk>/confirm/",
        EmployerImportConfirmView.as_view(),
        name="employer_import_confirm",
    ),
    path(
        "employers/import/<int:employerimportbatch_pk>/retry/",
        EmployerImportRetryView.as_view(),
        name="employer_import_retry",
    ),
    path(
        "employers/import/<int:employerimportbatch_pk>/cancel/",
        EmployerImportCancelView.as_view(),
        name="employer_import_cancel",
    ),
]
