"""Correction requests for closed months: the list, sending a refused change
for approval, and the street officer's decision."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from stations import closed_months
from stations.forms.errors import error_messages
from stations.permissions import user_can
from stations.scoping import get_visible_or_404
from stations.views.mixins import StaffRequiredMixin

from . import selectors, services_corrections
from .forms import CorrectionDecisionForm, CorrectionRequestForm
from .models import CorrectionRequest, CorrectionStatus


def _change_rows(rows: list[dict]) -> list[dict]:
    """Stored changes as the page shows them: month, community, and each
    figure with its label, before and after."""
    labels = closed_months.figure_labels()
    out = []
    for change in (closed_months.MonthChange.from_json(row) for row in rows):
        figures = [
            {"label": labels.get(key, key), "before": before, "after": after}
            for key, (before, after) in sorted(change.figures.items(), key=lambda kv: labels.get(kv[0], kv[0]))
        ]
        out.append({"month": change.label, "community": change.community_name, "figures": figures})
    return out


class CorrectionListView(StaffRequiredMixin, TemplateView):
    """Community staff see their community's requests, the street its
    communities' (those waiting first), bureaus theirs to read."""

    permission = "reports.view"
    template_name = "reports/correction_list.html"

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", "")
        if status not in CorrectionStatus.values:
            status = ""
        rows = selectors.correction_list(user=self.request.user, status=status)
        page = [{"correction": c, "change": services_corrections.operation_label(c.operation)} for c in rows[:200]]
        return super().get_context_data(
            rows=page,
            status=status,
            statuses=CorrectionStatus.choices,
            can_decide=user_can(self.request.user, "reports.decide_correction"),
            **kwargs,
        )


class CorrectionNewView(StaffRequiredMixin, TemplateView):
    """The change a user was refused, to send with a reason. The link carries
    only the key the change waits under, for the account that was refused it."""

    permission = "reports.view"
    template_name = "reports/correction_new.html"

    def _read(self):
        token = self.request.GET.get("t", "")
        try:
            return token, closed_months.read_correction_token(token, actor=self.request.user)
        except ValidationError as exc:
            return token, exc

    def get_context_data(self, **kwargs):
        token, data = self._read()
        context = {"token": token, "form": kwargs.pop("form", None) or CorrectionRequestForm()}
        if isinstance(data, ValidationError):
            context["invalid"] = " ".join(data.messages)
        else:
            context["change"] = services_corrections.operation_label(data["call"]["op"])
            context["changes"] = _change_rows(data["changes"])
        return super().get_context_data(**context, **kwargs)

    def post(self, request):
        form = CorrectionRequestForm(request.POST)
        if form.is_valid():
            try:
                correction = services_corrections.correction_request_create(
                    actor=request.user,
                    token=request.GET.get("t", ""),
                    reason=form.cleaned_data["reason"],
                    request=request,
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict") and "reason" in exc.error_dict:
                    form.add_error("reason", exc.error_dict["reason"])
                else:
                    for message in error_messages(exc):
                        form.add_error(None, message)
            else:
                messages.success(request, _("Sent to the street officer. You are told when it is decided."))
                return redirect("reports:correction_detail", pk=correction.pk)
        return self.render_to_response(self.get_context_data(form=form))


class CorrectionDetailView(StaffRequiredMixin, TemplateView):
    permission = "reports.view"
    template_name = "reports/correction_detail.html"
    model = CorrectionRequest

    def get_object(self) -> CorrectionRequest:
        return get_visible_or_404(
            CorrectionRequest.objects.select_related("community__street", "requested_by", "decided_by"),
            self.request.user,
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        correction = self.get_object()
        applied = correction.status == CorrectionStatus.APPLIED
        return super().get_context_data(
            correction=correction,
            change=services_corrections.operation_label(correction.operation),
            changes=_change_rows(correction.applied_changes if applied else correction.expected_changes),
            form=kwargs.pop("form", None) or CorrectionDecisionForm(),
            **kwargs,
        )

    def post(self, request, pk):
        correction = self.get_object()
        action = request.POST.get("action", "")
        form = CorrectionDecisionForm(request.POST)
        try:
            if action == "approve":
                services_corrections.correction_request_approve(
                    actor=request.user, correction=correction, request=request
                )
                messages.success(request, _("Approved: the change is made and the closed month's figures follow it."))
            elif action == "reject":
                note = form.cleaned_data.get("note", "") if form.is_valid() else ""
                services_corrections.correction_request_reject(
                    actor=request.user, correction=correction, note=note, request=request
                )
                messages.success(request, _("Rejected. The requester is told why."))
            elif action == "withdraw":
                services_corrections.correction_request_withdraw(
                    actor=request.user, correction=correction, request=request
                )
                messages.success(request, _("Withdrawn."))
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "note" in exc.error_dict:
                form.add_error("note", exc.error_dict["note"])
            else:
                for message in exc.messages:
                    form.add_error(None, message)
            return self.render_to_response(self.get_context_data(form=form))
        return redirect("reports:correction_detail", pk=correction.pk)
