"""A resident's record: registering, the record page and editing it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from stations import navigation
from stations.forms.residents import (
    HouseholdJoinForm,
    RemovalForm,
    ResidentForm,
    ServiceRecordForm,
    StatusChangeForm,
    TextConsentForm,
    TransferDecisionForm,
    TransferRequestForm,
)
from stations.models import (
    SENSITIVE_GROUPS,
    Resident,
)
from stations.permissions import user_can
from stations.selectors import (
    DERIVED_GROUPS,
    derived_group_codes,
    resident_get,
    resident_get_for_user,
    resident_merged_into,
    resident_merges_into,
    resident_record_parts,
    resident_text_messages,
)
from stations.services import residents as services
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView


class ResidentCreateView(ServiceFormView):
    permission = "stations.manage_resident"
    template_name = "stations/resident_form.html"
    form_class = ResidentForm

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(creating=True, **kwargs)

    def perform(self, form):
        self.resident = services.resident_register(
            actor=self.request.user,
            community=form.cleaned_data["community"],
            data=form.service_data(),
            request=self.request,
        )
        if "save_add" in self.request.POST:
            return reverse("stations:resident_create")
        return reverse("stations:resident_detail", kwargs={"pk": self.resident.pk})

    def get_success_message(self, result):
        return _("%(name)s is registered.") % {"name": self.resident.name}

    def form_invalid(self, form):
        # A person registered already: a link to the record when it is in
        # scope, otherwise the transfer request form filled in.
        existing_url = transfer_form = None
        if form.duplicate is not None and form.duplicate_in_scope:
            existing_url = reverse("stations:resident_detail", kwargs={"pk": form.duplicate.resident_pk})
        elif form.duplicate is not None:
            transfer_form = TransferRequestForm(
                user=self.request.user,
                initial={
                    "id_number": form.data.get("id_number", ""),
                    "to_community": form.data.get("community") or getattr(self.request.user, "community_id", None),
                },
            )
        form.focus_first_error()
        return self.render_to_response(
            self.get_context_data(form=form, transfer_form=transfer_form, existing_url=existing_url)
        )


class ResidentRecordMixin(StaffRequiredMixin):
    """Loads the record in scope (404 otherwise) and renders the record page,
    with any bound form that failed, so what was typed stays."""

    model = Resident
    permission = "stations.view_resident"
    template_name = "stations/resident_detail.html"

    def get_resident(self) -> Resident:
        return resident_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def render_record(self, resident: Resident, status: int = 200, **forms):
        from django.template.response import TemplateResponse

        user = self.request.user
        can_manage = user_can(user, "stations.manage_resident")
        services.resident_open_full_record(actor=user, resident=resident, request=self.request)
        groups = list(resident.target_groups.all())
        context = {
            "resident": resident,
            "can_manage": can_manage,
            "can_record_service": user_can(user, "stations.record_service"),
            # Sensitive groups only for staff who work the record.
            "groups": [g for g in groups if can_manage or g.code not in SENSITIVE_GROUPS],
            "derived": [DERIVED_GROUPS[c].label for c in derived_group_codes(resident)],
            "four_clears": resident.four_clears(),
            "status_form": forms.get("status_form") or StatusChangeForm(),
            "service_form": forms.get("service_form") or ServiceRecordForm(),
            "household_form": forms.get("household_form") or HouseholdJoinForm(),
            "removal_form": forms.get("removal_form") or RemovalForm(),
            "text_consent_form": forms.get("text_consent_form") or TextConsentForm(),
            "text_messages": resident_text_messages(user=user, resident=resident),
            "decision_form": TransferDecisionForm(),
            "resident_actions": navigation.resident_actions(user, resident.pk),
            "merged_from": resident_merges_into(resident=resident),
            **resident_record_parts(user=user, resident=resident),
        }
        response = TemplateResponse(self.request, self.template_name, context, status=status)
        response["Cache-Control"] = "no-store"
        return response


class ResidentDetailView(ResidentRecordMixin, View):
    def get(self, request, pk):
        try:
            resident = self.get_resident()
        except Http404:
            # The old address of a record merged into another leads to the
            # record kept, when both are in the user's area.
            kept = resident_merged_into(user=request.user, pk=pk)
            if kept is None:
                raise
            messages.info(request, _("That record was merged into this one (the same person)."))
            return redirect("stations:resident_detail", pk=kept.pk)
        return self.render_record(resident)


class ResidentEditView(ServiceFormView):
    model = Resident
    permission = "stations.manage_resident"
    template_name = "stations/resident_form.html"
    form_class = ResidentForm
    success_message = gettext_lazy("The record is saved.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and user_can(request.user, self.permission):
            self.resident = resident_get_for_user(user=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.resident.is_removed:
            messages.error(request, _("This record has been removed; it cannot be changed."))
            return redirect("stations:resident_detail", pk=self.resident.pk)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {"instance": self.resident, "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(resident=self.resident, **kwargs)

    def perform(self, form):
        # A fresh copy: validating the form has already set its values on the instance.
        services.resident_update(
            actor=self.request.user,
            resident=resident_get(user=self.request.user, pk=self.resident.pk),
            data=form.service_data(),
            request=self.request,
        )
        return reverse("stations:resident_detail", kwargs={"pk": self.resident.pk})
