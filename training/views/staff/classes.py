"""Staff pages of classes: the list, the form, a class with its roster, its steps."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView
from training import selectors, services
from training.forms import (
    TrainingClassForm,
)
from training.models import (
    ClassStatus,
    TrainingClass,
)
from training.views.common import TrainingPage


class ClassListView(TrainingPage):
    template_name = "training/class_list.html"

    def get_context_data(self, **kwargs):
        filters = {k: self.request.GET.get(k, "") for k in ("status", "schedule_type", "q")}
        page = Paginator(selectors.class_list(user=self.request.user, filters=filters), 50).get_page(
            self.request.GET.get("page")
        )
        return super().get_context_data(
            page=page,
            classes=page.object_list,
            filters=filters,
            statuses=ClassStatus.choices,
            can_manage=self.can("training.manage_class"),
            **kwargs,
        )


class ClassFormView(TrainingPage, ServiceFormView):
    permission = "training.manage_class"
    model = TrainingClass
    template_name = "training/class_form.html"
    form_class = TrainingClassForm
    success_message = gettext_lazy("Class saved.")

    def dispatch(self, request, *args, **kwargs):
        self.training_class = None
        if request.user.is_authenticated and "pk" in kwargs:
            self.training_class = selectors.training_class_get(user=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            "user": self.request.user,
            "instance": self.training_class
            and selectors.training_class_get(user=self.request.user, pk=self.training_class.pk),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(training_class=self.training_class, **kwargs)

    def perform(self, form):
        training_class = services.training_class_save(
            actor=self.request.user, training_class=self.training_class, data=form.cleaned_data, request=self.request
        )
        return reverse("training:class_detail", kwargs={"pk": training_class.pk})


class ClassDetailView(TrainingPage):
    model = TrainingClass
    template_name = "training/class_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        training_class = selectors.training_class_get(user=user, pk=self.kwargs["pk"])
        return super().get_context_data(
            training_class=training_class,
            roster=selectors.class_roster(user=user, training_class=training_class),
            can_manage=self.can("training.manage_class"),
            can_enrol=self.can("training.enrol"),
            rates=selectors.post_training_employment_rate(
                user=user, group_by="class", period_start=training_class.start_date, period_end=timezone.localdate()
            ),
            definition=selectors.RATE_DEFINITION,
            **kwargs,
        )


class ClassStepView(StaffRequiredMixin, View):
    permission = "training.manage_class"
    model = TrainingClass

    def post(self, request, pk):
        training_class = selectors.training_class_get(user=request.user, pk=pk)
        step = request.POST.get("step", "")
        if step not in TrainingClass.workflow.steps:
            raise Http404
        try:
            services.training_class_step(actor=request.user, training_class=training_class, step=step, request=request)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("The class is now: %(status)s.") % {"status": training_class.get_status_display()}
            )
        return redirect("training:class_detail", pk=pk)
