"""Staff pages: the residents' change and data requests of the user's area,
to confirm, decline or answer."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from self_service import selectors, services
from self_service.forms import AnswerForm, DeclineForm
from self_service.models import ChangeRequest, DataRequest
from stations.permissions import user_can
from stations.views.mixins import StaffRequiredMixin

app_name = "self_service"


class RequestListView(StaffRequiredMixin, TemplateView):
    permission = "self_service.view_requests"
    template_name = "self_service/request_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            changes=list(selectors.change_request_list(user=user)[:100]),
            data_requests=list(selectors.data_request_list(user=user)[:100]),
            decided=list(selectors.change_request_list(user=user, pending=False)[:20]),
            answered=list(selectors.data_request_list(user=user, open_only=False)[:20]),
            can_decide=user_can(user, "self_service.decide_requests"),
            decline_form=DeclineForm(),
            answer_form=AnswerForm(),
            today=timezone.localdate(),
            **kwargs,
        )


class ChangeDecideView(StaffRequiredMixin, View):
    model = ChangeRequest
    permission = "self_service.decide_requests"
    http_method_names = ["post"]

    def post(self, request, pk):
        change = selectors.change_request_get(user=request.user, pk=pk)
        try:
            if request.POST.get("decision") == "confirm":
                services.change_request_confirm(actor=request.user, change_request=change, request=request)
                messages.success(
                    request, _("The change is made on %(name)s's record.") % {"name": change.resident.name}
                )
            else:
                services.change_request_decline(
                    actor=request.user, change_request=change, reason=request.POST.get("reason", ""), request=request
                )
                messages.success(request, _("The change is declined; the resident is told why."))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect("self_service:request_list")


class DataRequestAnswerView(StaffRequiredMixin, View):
    model = DataRequest
    permission = "self_service.decide_requests"
    http_method_names = ["post"]

    def post(self, request, pk):
        data_request = selectors.data_request_get(user=request.user, pk=pk)
        try:
            services.data_request_answer(
                actor=request.user,
                data_request=data_request,
                outcome=request.POST.get("outcome", ""),
                answer=request.POST.get("answer", ""),
                request=request,
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The answer is recorded; the resident is told."))
        return redirect("self_service:request_list")


urlpatterns = [
    path("", RequestListView.as_view(), name="request_list"),
    path("changes/<int:pk>/decide/", ChangeDecideView.as_view(), name="change_decide"),
    path("data-requests/<int:pk>/answer/", DataRequestAnswerView.as_view(), name="data_request_answer"),
]
