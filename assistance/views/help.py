"""Staff pages of help requests (/staff/assistance/help/): the node's list
and one request with its answer form. Thin: selectors read, services write."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from assistance.forms_help import HelpAnswerForm
from assistance.models import HelpRequest, HelpRequestStatus
from assistance.selectors import help as selectors_help
from assistance.services.help import help_request_answer
from stations.audit import audit_record
from stations.models import AuditAction
from stations.permissions import user_can
from stations.validators import mask_mobile
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView


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


class HelpRequestDetailView(ServiceFormView):
    permission = "assistance.view_help_request"
    template_name = "assistance/helprequest_detail.html"
    model = HelpRequest
    form_class = HelpAnswerForm
    success_message = gettext_lazy("Answer recorded.")
    invalid_status = 400

    def load(self):
        self.help_request = selectors_help.help_request_get(user=self.request.user, pk=self.kwargs["pk"])
        # Seeing a request is one right, answering it another: the missing one answers 403 after the 404.
        if self.request.method == "POST" and not user_can(self.request.user, "assistance.answer_help_request"):
            raise PermissionDenied("assistance.answer_help_request")

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # The page shows the full mobile number: who opened it is kept, as for a resident's record.
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=self.help_request, request=request)
        return response

    @cached_property
    def residents(self):
        return list(
            selectors_help.help_request_matching_residents(user=self.request.user, help_request=self.help_request)
        )

    def get_form_kwargs(self):
        return {"residents": self.residents}

    def get_initial(self):
        station = selectors_help.public_station_for_community(community_id=self.help_request.community_id)
        return {
            "phone": station.phone if station else "",
            "resident": self.residents[0].pk if len(self.residents) == 1 else "",
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(help_request=self.help_request, **kwargs)

    def perform(self, form):
        help_request_answer(
            actor=self.request.user, help_request=self.help_request, request=self.request, **form.cleaned_data
        )
        return reverse("assistance:help_request_detail", kwargs={"pk": self.help_request.pk})
