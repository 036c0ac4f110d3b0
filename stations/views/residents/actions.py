"""The forms on a record page (status, service, removal, text consent,
household): each posts here and comes back to the record, or draws the
record again with the form that failed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stations.forms.residents import (
    HouseholdJoinForm,
    RemovalForm,
    ServiceRecordForm,
    StatusChangeForm,
    TextConsentForm,
)
from stations.selectors import (
    household_member_find,
)
from stations.services import residents as services
from stations.views.residents.records import ResidentRecordMixin
from stations.views.service_form import ServiceFormView


class ResidentActionView(ResidentRecordMixin, ServiceFormView):
    """A POST from one of the record page's forms: back to the record at
    `anchor`, or the record page again with the form that failed."""

    permission = "stations.manage_resident"
    http_method_names = ["post"]
    anchor = ""

    def post(self, request, *args, **kwargs):
        self.resident = self.get_resident()
        return super().post(request, *args, **kwargs)

    def record_url(self) -> str:
        return reverse("stations:resident_detail", kwargs={"pk": self.resident.pk}) + self.anchor

    def form_invalid(self, form):
        return self.render_record(self.resident, **{self.form_context_name: form})


class ResidentStatusView(ResidentActionView):
    form_class = StatusChangeForm
    form_context_name = "status_form"
    success_message = gettext_lazy("The employment status is changed.")
    anchor = "#employment"

    def perform(self, form):
        data = form.cleaned_data
        services.resident_employment_status_change(
            actor=self.request.user,
            resident=self.resident,
            status=data["status"],
            changed_on=data["changed_on"],
            note=data["note"],
            registration_number=data["registration_number"],
            request=self.request,
        )
        return self.record_url()


class ResidentServiceView(ResidentActionView):
    permission = "stations.record_service"
    form_class = ServiceRecordForm
    form_context_name = "service_form"
    success_message = gettext_lazy("The service is recorded.")
    anchor = "#services"

    def perform(self, form):
        data = form.cleaned_data
        services.service_record_create(
            actor=self.request.user,
            resident=self.resident,
            kind=data["kind"],
            served_on=data["served_on"],
            channel=data["channel"],
            note=data["note"],
            request=self.request,
        )
        return self.record_url()


class ResidentRemoveView(ResidentActionView):
    form_class = RemovalForm
    form_context_name = "removal_form"
    success_message = gettext_lazy("The record is removed. It stays in the history and reports.")

    def perform(self, form):
        data = form.cleaned_data
        services.resident_remove(
            actor=self.request.user, resident=self.resident, reason=data["reason"], request=self.request
        )
        return self.record_url()


class ResidentTextConsentView(ResidentActionView):
    """Consent to text messages given or withdrawn (an opt-out takes effect at once)."""

    form_class = TextConsentForm
    form_context_name = "text_consent_form"
    success_message = gettext_lazy("The resident's choice about text messages is recorded.")
    anchor = "#messages"

    def perform(self, form):
        from stations.services.messaging import resident_text_consent_set

        data = form.cleaned_data
        resident_text_consent_set(
            actor=self.request.user,
            resident=self.resident,
            consent=data["consent"],
            how=data["how"],
            request=self.request,
        )
        return self.record_url()


class ResidentHouseholdView(ResidentActionView):
    """action=create starts a household, action=leave leaves it, otherwise join
    the household of the member whose ID number was typed."""

    form_class = HouseholdJoinForm
    form_context_name = "household_form"
    success_message = gettext_lazy("The household is updated.")
    anchor = "#household"
    # The service names the member; the form asks for their ID number.
    field_map = {"member": "member_id_number"}

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action in ("create", "leave"):
            self.resident = self.get_resident()
            try:
                if action == "create":
                    services.household_create(actor=request.user, resident=self.resident, request=request)
                else:
                    services.resident_household_leave(actor=request.user, resident=self.resident, request=request)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                messages.success(request, self.success_message)
            return redirect(self.record_url())
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        member = household_member_find(user=self.request.user, id_number=data["member_id_number"])
        if member is None:
            raise ValidationError({"member_id_number": _("No one with this ID number is registered in your area.")})
        services.resident_household_join(
            actor=self.request.user, resident=self.resident, member=member, request=self.request
        )
        return self.record_url()
