"""Staff pages of the needs list, the demand it adds up to and the public's
requests to join a class.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from stations.views.service_form import ServiceFormView
from training import selectors, services
from training.forms import (
    JoinRequestHandleForm,
    NeedForm,
)
from training.models import (
    JoinRequest,
    JoinRequestStatus,
)
from training.views.common import TrainingPage, period_from_query


class NeedListView(TrainingPage, ServiceFormView):
    """The needs list with a quick-entry form on top: the round date stays
    between entries, the cursor returns to the ID number field."""

    template_name = "training/need_list.html"
    form_class = NeedForm

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_initial(self):
        round_date = parse_date(self.request.GET.get("round", "") or "")
        return {"round_date": round_date} if round_date else {}

    def get_context_data(self, **kwargs):
        filters = {"occupation": self.request.GET.get("occupation", "")}
        for_class = None
        if self.request.GET.get("for_class"):
            # A class out of scope answers like a missing one: no filter.
            for_class = selectors.training_class_find(user=self.request.user, pk=self.request.GET["for_class"])
            filters["for_class"] = for_class
        page = Paginator(selectors.need_list(user=self.request.user, filters=filters), 50).get_page(
            self.request.GET.get("page")
        )
        return super().get_context_data(
            page=page,
            needs=page.object_list,
            for_class=for_class,
            filters=filters,
            can_record=self.can("training.record_need"),
            trades=selectors.published_trades(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not self.can("training.record_need"):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied("training.record_need")
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        need = services.training_need_record(actor=self.request.user, request=self.request, **data)
        messages.success(
            self.request,
            _("Recorded: %(name)s wants %(trade)s.") % {"name": need.resident.name, "trade": need.occupation},
        )
        return reverse("training:need_list") + "?" + urlencode({"round": data["round_date"].isoformat()})


class NeedSummaryView(TrainingPage):
    template_name = "training/need_summary.html"

    def get_context_data(self, **kwargs):
        by = "district" if self.request.GET.get("by") == "district" else "community"
        start, end = period_from_query(self.request)
        return super().get_context_data(
            rows=selectors.need_demand_summary(user=self.request.user, by=by, round_from=start, round_to=end),
            by=by,
            period_start=start,
            period_end=end,
            **kwargs,
        )


class JoinRequestListView(TrainingPage):
    template_name = "training/joinrequest_list.html"

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", JoinRequestStatus.NEW)
        return super().get_context_data(
            requests=selectors.join_request_list(user=self.request.user, status=status or None)[:200],
            status=status,
            statuses=JoinRequestStatus.choices,
            **kwargs,
        )


class JoinRequestHandleView(TrainingPage, ServiceFormView):
    permission = "training.handle_join_request"
    model = JoinRequest
    template_name = "training/joinrequest_handle.html"
    form_class = JoinRequestHandleForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.join_request = selectors.join_request_get(user=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(join_request=self.join_request, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        services.join_request_handle(
            actor=self.request.user,
            join_request=self.join_request,
            outcome=data["outcome"],
            resident=data["resident"],
            note=data["note"],
            request=self.request,
        )
        messages.success(self.request, _("Request handled."))
        return reverse("training:joinrequest_list")
