"""What the staff pages of this app share."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from stations.forms.errors import add_service_errors


class ServiceSaveMixin:
    """form_valid for a FormView whose model form is saved through a service:
    what the service refuses goes back onto the form, which is shown again
    with what was typed; a save leads to the record's page."""

    success_message = ""
    success_url_name = ""

    def save(self, obj) -> None:
        raise NotImplementedError

    def form_valid(self, form):
        obj = form.save(commit=False)
        try:
            self.save(obj)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.success_url_name, pk=obj.pk)
