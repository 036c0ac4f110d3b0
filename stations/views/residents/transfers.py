"""Transfers between communities: the lists, a new request and the decision."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from stations.forms.residents import (
    TransferDecisionForm,
    TransferRequestForm,
)
from stations.models import (
    ResidentTransferRequest,
    TransferStatus,
)
from stations.permissions import user_can
from stations.selectors import (
    transfer_request_get,
    transfer_request_incoming,
    transfer_request_outgoing,
)
from stations.services import residents as services
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView


class TransferListView(ServiceFormView):
    """Requests to decide (incoming) and requests made (outgoing); also takes
    a new request by POST."""

    permission = "stations.view_resident"
    template_name = "stations/resident_transfer_list.html"
    form_class = TransferRequestForm

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            incoming=transfer_request_incoming(user=user).filter(status=TransferStatus.PENDING),
            outgoing=transfer_request_outgoing(user=user)[:50],
            decided=transfer_request_incoming(user=user).exclude(status=TransferStatus.PENDING)[:20],
            decision_form=TransferDecisionForm(),
            can_manage=user_can(user, "stations.manage_resident"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        # Seeing the lists is one right, asking for a transfer another.
        if not user_can(request.user, "stations.manage_resident"):
            raise PermissionDenied("stations.manage_resident")
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        transfer = services.resident_transfer_request_create(
            actor=self.request.user,
            id_number=form.cleaned_data["id_number"],
            to_community=form.cleaned_data["to_community"],
            note=form.cleaned_data["note"],
            request=self.request,
        )
        messages.success(
            self.request,
            _("Transfer requested. %(community)s will decide; you will be notified.")
            % {"community": transfer.from_community.name},
        )
        return reverse("stations:resident_transfer_list")


class TransferDecideView(StaffRequiredMixin, View):
    model = ResidentTransferRequest
    permission = "stations.manage_resident"
    http_method_names = ["post"]

    def post(self, request, pk):
        transfer = transfer_request_get(user=request.user, pk=pk)
        form = TransferDecisionForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        try:
            if request.POST.get("decision") == "accept":
                services.resident_transfer_request_accept(
                    actor=request.user, transfer=transfer, note=note, request=request
                )
                messages.success(
                    request,
                    _("The record is transferred to %(community)s.") % {"community": transfer.to_community.name},
                )
            else:
                services.resident_transfer_request_decline(
                    actor=request.user, transfer=transfer, note=note, request=request
                )
                messages.success(request, _("The transfer is declined."))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect("stations:resident_transfer_list")
