"""Staff pages of enrolments: enrol a resident, the list, the result, and
telling a resident about a class.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stations.views.service_form import ServiceFormView
from training import selectors, services
from training.forms import (
    EnrolForm,
    PushForm,
    ResultForm,
)
from training.models import (
    Enrolment,
    EnrolmentStatus,
)
from training.views.common import TrainingPage


class EnrolView(TrainingPage, ServiceFormView):
    """Fast entry: choose the class once, then type ID numbers one after another."""

    permission = "training.enrol"
    template_name = "training/enrolment_form.html"
    form_class = EnrolForm

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_initial(self):
        if self.request.GET.get("class", "").isdigit():
            return {"training_class": int(self.request.GET["class"])}
        return {}

    def perform(self, form):
        enrolment = services.enrolment_create(
            actor=self.request.user,
            resident=form.cleaned_data["resident"],
            training_class=form.cleaned_data["training_class"],
            note=form.cleaned_data["note"],
            request=self.request,
        )
        messages.success(
            self.request,
            _("%(name)s is enrolled in “%(cls)s”.")
            % {"name": enrolment.resident.name, "cls": enrolment.training_class},
        )
        return reverse("training:enrol") + "?" + urlencode({"class": enrolment.training_class_id})


class EnrolmentListView(TrainingPage):
    template_name = "training/enrolment_list.html"

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", "")
        page = Paginator(selectors.enrolment_list(user=self.request.user, filters={"status": status}), 50).get_page(
            self.request.GET.get("page")
        )
        return super().get_context_data(
            page=page, enrolments=page.object_list, status=status, statuses=EnrolmentStatus.choices, **kwargs
        )


class EnrolmentResultView(TrainingPage, ServiceFormView):
    permission = "training.record_result"
    model = Enrolment
    template_name = "training/enrolment_result.html"
    form_class = ResultForm
    success_message = gettext_lazy("Result saved.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.enrolment = selectors.enrolment_get(user=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        e = self.enrolment
        return {
            "status": e.status,
            "attended_hours": e.attended_hours,
            "completed_on": e.completed_on
            or (e.training_class.end_date if e.training_class.end_date <= timezone.localdate() else None),
            "certificate_number": e.certificate_number,
            "feedback_score": e.feedback_score,
            "note": e.note,
        }

    def get_context_data(self, **kwargs):
        outcome = None
        e = self.enrolment
        if e.completed_on:
            outcome = (
                selectors.completed_enrolments_with_outcome(
                    user=self.request.user, period_start=e.completed_on, period_end=e.completed_on
                )
                .filter(pk=e.pk)
                .values("employed_3m", "employed_6m")
                .first()
            )
        return super().get_context_data(enrolment=e, outcome=outcome, **kwargs)

    def perform(self, form):
        services.enrolment_record_result(
            actor=self.request.user, enrolment=self.enrolment, request=self.request, **form.cleaned_data
        )
        return (
            reverse("training:class_detail", kwargs={"pk": self.enrolment.training_class_id})
            if selectors.training_class_find(user=self.request.user, pk=self.enrolment.training_class_id)
            else reverse("training:enrolment_list")
        )


class PushView(TrainingPage, ServiceFormView):
    permission = "training.push_class"
    template_name = "training/push_form.html"
    form_class = PushForm

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        data = form.cleaned_data
        services.class_push_to_resident(actor=self.request.user, request=self.request, **data)
        messages.success(
            self.request,
            _("Written to %(name)s's service log as training information.") % {"name": data["resident"].name},
        )
        return reverse("training:push")
