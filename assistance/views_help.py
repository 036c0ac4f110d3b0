"""Staff pages of help requests (/staff/assistance/help/): the node's list
and one request with its answer form. Thin: selectors read, services write."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from assistance import selectors_help
from assistance.forms_help import HelpAnswerForm
from assistance.models import HelpRequest, HelpRequestStatus
from assistance.services_help import help_request_answer
from stations.audit import audit_record
from stations.forms.errors import add_service_errors
from stations.models import AuditAction
from stations.permissions import user_can
from stations.validators import mask_mobile
from stations.views.mixins import StaffRequiredMixin


class HelpRequestListView(StaffRequiredMixin, TemplateView):
    permission = "assistance.view_help_request"
    template_name = "assistance/helprequest_list.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", HelpRequestStatus.NEW)
        requests = selectors_help.help_request_list(user=self.request.user, status=status)
        page = Paginator(requests, self.paginate_by).get_page(self.request.GET.get("page"))
        for item in page.object_list:
            item.masked_mobile = mask_mobile(item.mobile)
        return super().get_context_data(
            page_obj=page,
            requests=page.object_list,
            status=status,
            statuses=[("", _("All")), *HelpRequestStatus.choices],
            today=timezone.localdate(),
            **kwargs,
        )


class HelpRequestDetailView(StaffRequiredMixin, TemplateView):
    permission = "assistance.view_help_request"
    template_name = "assistance/helprequest_detail.html"
    model = HelpRequest

    def _answer_form(self, help_request, data=None):
        residents = list(
            selectors_help.help_request_matching_residents(user=self.request.user, help_request=help_request)
        )
        station = selectors_help.public_station_for_community(community_id=help_request.community_id)
        initial = {
            "phone": station.phone if station else "",
            "resident": residents[0].pk if len(residents) == 1 else "",
        }
        return HelpAnswerForm(data, initial=initial, residents=residents)

    def _page(self, help_request, form=None, status=200):
        can_answer = help_request.status == HelpRequestStatus.NEW and user_can(
            self.request.user, "assistance.answer_help_request"
        )
        if can_answer and form is None:
            form = self._answer_form(help_request)
        return self.render_to_response(
            self.get_context_data(help_request=help_request, form=form if can_answer else None), status=status
        )

    def get(self, request, *args, **kwargs):
        help_request = selectors_help.help_request_get(user=request.user, pk=kwargs["pk"])
        # The page shows the full mobile number: who opened it is kept, as for a resident's record.
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=help_request, request=request)
        return self._page(help_request)

    def post(self, request, *args, **kwargs):
        help_request = selectors_help.help_request_get(user=request.user, pk=kwargs["pk"])
        if not user_can(request.user, "assistance.answer_help_request"):
            raise PermissionDenied("assistance.answer_help_request")
        form = self._answer_form(help_request, request.POST)
        if form.is_valid():
            try:
                help_request_answer(actor=request.user, help_request=help_request, request=request, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Answer recorded."))
                return redirect("assistance:help_request_detail", pk=help_request.pk)
        return self._page(help_request, form=form, status=400)
