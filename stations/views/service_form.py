"""The one way a staff page runs "form → service → errors on the form".

A page shows a form (GET); a POST validates it, hands the cleaned form to
`perform`, which calls a service and returns where to go next; whatever the
service refuses (a ValidationError) goes back onto the form beside its field,
or at the top, and the page is shown again with everything that was typed.
Action forms embedded in another page (the forms on a resident's record) are
the same view with `http_method_names = ["post"]` and `form_invalid` drawing
the page they live on. A record page that also takes a form (a recommendation
with its next step) fetches its record in `load`, which runs after the
sign-in and permission checks, so a missing right still answers 403.

Two shapes go through the same view with a hook each: a page with several
forms, each posted on its own (`get_form_class` and `get_form_context_name`
pick the one the POST fills in), and a form posted with a formset of rows
(`formset_class`: both must be valid before the service runs, and a refusal
shows both again). An upload needs nothing more: the files go to the form.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.generic import TemplateView, View

from stations.forms.errors import add_service_errors
from stations.views.mixins import StaffRequiredMixin


class BaseServiceFormView(TemplateView):
    """The form → service → errors cycle without the staff check: for a public
    page whose access is its own (an employer's private link). Staff pages use
    ServiceFormView."""

    form_class = None
    # The context name of the form (several forms on one page need their own).
    form_context_name = "form"
    success_message = ""
    # {service field: form field} where the service names a field otherwise.
    field_map: dict[str, str] = {}
    # A record page that takes a form answers a refusal with 400, so a
    # client that follows the status sees the POST did not go through.
    invalid_status = 200
    # A POST-only form that lives on another view's page (a case's recording
    # form): a refusal draws that page, with this form in it.
    page_view: type[View] | None = None
    # Rows posted with the form (a meeting's commitments), under their own
    # context name; `perform` reads them from `self.formset`.
    formset_class = None
    formset_context_name = "formset"
    formset = None

    def load(self) -> None:
        """Fetch what the page is about; runs before GET and POST."""

    def get(self, request, *args, **kwargs):
        self.load()
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict:
        return {}

    def get_initial(self) -> dict:
        """What an unbound form shows first (from the query string, or the
        record being edited)."""
        return {}

    def get_form_class(self):
        """The form this request fills in; a page with several forms picks by what was posted."""
        return self.form_class

    def get_form_context_name(self) -> str:
        return self.form_context_name

    def get_form(self, data=None, files=None):
        kwargs = self.get_form_kwargs()
        if data is None:
            initial = self.get_initial()
            if initial:
                kwargs = {**kwargs, "initial": {**kwargs.get("initial", {}), **initial}}
        form_class = self.get_form_class()
        return form_class(data, files, **kwargs) if files is not None else form_class(data, **kwargs)

    def get_formset_kwargs(self) -> dict:
        return {}

    def get_formset(self, data=None, files=None):
        return self.formset_class(data, files, **self.get_formset_kwargs())

    def get_context_data(self, **kwargs):
        if self.get_form_context_name() not in kwargs:
            kwargs[self.get_form_context_name()] = self.get_form()
        if self.formset_class is not None and self.formset_context_name not in kwargs:
            kwargs[self.formset_context_name] = self.formset or self.get_formset()
        return super().get_context_data(**kwargs)

    def perform(self, form) -> str | models.Model | HttpResponse:
        """Call the service with the form's cleaned data; return a URL, a
        model instance with get_absolute_url, or a response."""
        raise NotImplementedError

    def get_success_message(self, result) -> str:
        return str(self.success_message)

    def post(self, request, *args, **kwargs):
        self.load()
        form = self.get_form(request.POST, request.FILES or None)
        if self.formset_class is not None:
            self.formset = self.get_formset(request.POST, request.FILES or None)
        # Both are validated, so a refusal shows the errors of each.
        if all([form.is_valid(), self.formset is None or self.formset.is_valid()]):
            try:
                result = self.perform(form)
            except ValidationError as exc:
                add_service_errors(form, exc, fields=self.field_map)
            else:
                message = self.get_success_message(result)
                if message:
                    messages.success(request, message)
                return result if isinstance(result, HttpResponse) else redirect(result)
        return self.form_invalid(form)

    def form_invalid(self, form):
        if hasattr(form, "focus_first_error"):
            form.focus_first_error()
        if self.page_view is not None:
            page = self.page_view(request=self.request, args=self.args, kwargs=self.kwargs)
            return page.render_to_response(
                page.get_context_data(**{self.get_form_context_name(): form}), status=self.invalid_status
            )
        return self.render_to_response(
            self.get_context_data(**{self.get_form_context_name(): form}), status=self.invalid_status
        )


class ServiceFormView(StaffRequiredMixin, BaseServiceFormView):
    """A staff page: a signed-in account with the view's `permission` rule."""
