"""The pages every import shares (the resident ledger, the employers): the
upload, the one page that follows a batch through its states, and the buttons
that move it on. An import's views name its flow, its batch selector, its
templates and its pages (`<url_name>`, `<url_name>_detail`, `_confirm`,
`_retry`, `_cancel`); the steps are the flow's (stations.imports.batches)."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from stations.excel import MAX_UPLOAD_BYTES
from stations.imports.batches import ImportFlow
from stations.models import ImportStatus
from stations.services.background import handoffs_waiting
from stations.views.mixins import StaffRequiredMixin

# The preview lists this many problems; the rest are counted.
ERRORS_SHOWN = 500


class ImportPageMixin(StaffRequiredMixin):
    """Which import a page belongs to. `batch_get(user=, pk=, with_rows=)` is
    the import's selector (404 for anyone else's batch)."""

    url_name: str  # the upload page, e.g. "jobs:employer_import"
    batch_kwarg: str  # the URL's batch key, e.g. "employerimportbatch_pk"
    batch_get: Callable
    with_rows = False

    def get_batch(self, pk: int):
        return self.batch_get(user=self.request.user, pk=pk, with_rows=self.with_rows)

    def to_detail(self, batch):
        return redirect(f"{self.url_name}_detail", **{self.batch_kwarg: batch.pk})


class ImportUploadView(ImportPageMixin, TemplateView):
    """The upload form with the user's recent batches; a good file goes on to
    its batch page, a file refused as a whole comes back with the reason."""

    form_class: type[forms.Form]
    batch_list: Callable

    def create(self, form):
        """Save the upload as a batch (the import's create service)."""
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.form_class())
        kwargs["batches"] = self.batch_list(user=self.request.user)[:10]
        kwargs["max_mb"] = MAX_UPLOAD_BYTES // 2**20
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST, request.FILES)
        if form.is_valid():
            try:
                batch = self.create(form)
            except ValidationError as exc:
                form.add_error("file", exc)
            else:
                return self.to_detail(batch)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ImportBatchDetailView(ImportPageMixin, TemplateView):
    """Progress, preview with the row-by-row report, or result: one page that
    follows the batch through its states."""

    flow: ImportFlow
    template_prefix: str  # <prefix>_preview.html and <prefix>_result.html
    with_rows = True

    def get(self, request, *args, **kwargs):
        self.batch = self.get_batch(kwargs[self.batch_kwarg])
        return super().get(request, *args, **kwargs)

    def get_template_names(self):
        if self.batch.is_running:
            return ["stations/import_progress.html"]
        if self.batch.status in (ImportStatus.INVALID, ImportStatus.READY):
            return [f"{self.template_prefix}_preview.html"]
        return [f"{self.template_prefix}_result.html"]

    def get_context_data(self, **kwargs):
        batch = self.batch
        context = {"batch": batch, "import_url": self.url_name}
        if batch.is_running:
            context["progress"] = self.flow.progress(batch)
            context["percent"] = int(100 * context["progress"] / batch.row_count) if batch.row_count else 0
            context["waiting_for_worker"] = batch.status in (ImportStatus.PENDING, ImportStatus.QUEUED) and bool(
                handoffs_waiting(keys=list(self.flow.handoff_keys(batch).values()))
            )
        elif batch.status == ImportStatus.INVALID:
            context.update(self.invalid_context(batch))
        elif batch.status == ImportStatus.READY:
            context["sample"] = [self.sample_row(r) for r in batch.rows[:20]]
        return super().get_context_data(**context, **kwargs)

    def invalid_context(self, batch) -> dict:
        return {
            "errors_shown": batch.errors[:ERRORS_SHOWN],
            "errors_more": max(0, len(batch.errors) - ERRORS_SHOWN),
            "bad_row_count": batch.error_row_count,
        }

    def sample_row(self, raw: dict) -> dict:
        """One of the first rows, as the preview of a correct file shows it."""
        raise NotImplementedError


class ImportBatchActionView(ImportPageMixin, View):
    """A button on the batch page: the service moves the batch on, or says
    why not (shown on the page)."""

    service: Callable

    def post(self, request, **kwargs):
        batch = self.get_batch(kwargs[self.batch_kwarg])
        try:
            batch = self.act(batch)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return self.to_detail(batch)
        return self.done(batch)

    def act(self, batch):
        return self.service(actor=self.request.user, batch=batch)

    def done(self, batch):
        return self.to_detail(batch)


class ImportCancelView(ImportBatchActionView):
    """Discard a batch: back to the upload page once its rows are deleted."""

    def done(self, batch):
        if batch.status != ImportStatus.CANCELLED:
            return super().done(batch)
        messages.success(self.request, _("The import was cancelled and its rows deleted."))
        return redirect(self.url_name)
