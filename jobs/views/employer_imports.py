"""Employer import pages (/staff/jobs/employers/import/): upload, then one
page that follows the batch (progress, preview with the row-by-row report,
result), and the confirm, try-again and cancel buttons. Thin: the work is in
jobs.services.employer_imports and the shared steps of stations.imports."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from jobs import selectors, services
from jobs.forms import ImportForm
from jobs.services.employer_imports import COLUMNS, HEADERS, REQUIRED, batch_progress, handoff_keys
from stations.excel import MAX_UPLOAD_BYTES
from stations.imports.reading import MAX_ROWS
from stations.models import ImportStatus
from stations.services.background import handoffs_waiting
from stations.views.mixins import StaffRequiredMixin

# The preview lists this many problems; the rest are counted.
ERRORS_SHOWN = 500
PERMISSION = "jobs.import_employers"


class EmployerImportStartView(StaffRequiredMixin, TemplateView):
    permission = PERMISSION
    template_name = "jobs/employer_import.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ImportForm())
        kwargs["batches"] = selectors.employer_import_batch_list(user=self.request.user)[:10]
        kwargs["required"] = [HEADERS[key] for key in REQUIRED]
        kwargs["optional"] = [names[0] for key, names in COLUMNS if key not in REQUIRED]
        kwargs["max_rows"] = MAX_ROWS
        kwargs["max_mb"] = MAX_UPLOAD_BYTES // 2**20
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                batch = services.employer_import_batch_create(
                    actor=request.user, filename=upload.name, data=upload.read()
                )
            except ValidationError as exc:
                form.add_error("file", exc)
            else:
                return redirect("jobs:employer_import_detail", employerimportbatch_pk=batch.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class EmployerImportDetailView(StaffRequiredMixin, TemplateView):
    """Progress, preview with the row-by-row report, or result: one page that
    follows the batch through its states."""

    permission = PERMISSION

    def get(self, request, *args, **kwargs):
        self.batch = selectors.employer_import_batch_get(
            user=request.user, pk=kwargs["employerimportbatch_pk"], with_rows=True
        )
        return super().get(request, *args, **kwargs)

    def get_template_names(self):
        if self.batch.is_running:
            return ["jobs/employer_import_progress.html"]
        if self.batch.status in (ImportStatus.INVALID, ImportStatus.READY):
            return ["jobs/employer_import_preview.html"]
        return ["jobs/employer_import_result.html"]

    def get_context_data(self, **kwargs):
        batch = self.batch
        context = {"batch": batch}
        if batch.is_running:
            context["progress"] = batch_progress(batch)
            context["percent"] = int(100 * context["progress"] / batch.row_count) if batch.row_count else 0
            context["waiting_for_worker"] = batch.status in (ImportStatus.PENDING, ImportStatus.QUEUED) and bool(
                handoffs_waiting(keys=list(handoff_keys(batch).values()))
            )
        elif batch.status == ImportStatus.INVALID:
            context["errors_shown"] = batch.errors[:ERRORS_SHOWN]
            context["errors_more"] = max(0, len(batch.errors) - ERRORS_SHOWN)
        elif batch.status == ImportStatus.READY:
            context["sample"] = [
                {"row": r["row"], **{key: r["values"].get(key, "") for key in HEADERS}} for r in batch.rows[:20]
            ]
        return super().get_context_data(**context, **kwargs)


class _BatchAction(StaffRequiredMixin, View):
    permission = PERMISSION
    service = staticmethod(services.employer_import_batch_confirm)

    def post(self, request, employerimportbatch_pk):
        batch = selectors.employer_import_batch_get(user=request.user, pk=employerimportbatch_pk)
        try:
            batch = self.service(actor=request.user, batch=batch)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return self.done(batch)

    def done(self, batch):
        return redirect("jobs:employer_import_detail", employerimportbatch_pk=batch.pk)


class EmployerImportConfirmView(_BatchAction):
    service = staticmethod(services.employer_import_batch_confirm)


class EmployerImportRetryView(_BatchAction):
    """ "Try again" on a failed import: its rows are checked again."""

    service = staticmethod(services.employer_import_batch_retry)


class EmployerImportCancelView(_BatchAction):
    service = staticmethod(services.employer_import_batch_cancel)

    def done(self, batch):
        if batch.status != ImportStatus.CANCELLED:
            return super().done(batch)
        messages.success(self.request, _("The import was cancelled and its rows deleted."))
        return redirect("jobs:employer_import")


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
