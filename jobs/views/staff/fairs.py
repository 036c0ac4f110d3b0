"""Staff pages of job fairs: the list, the form and the page with its sign-ups."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView

from jobs import selectors, services
from jobs.forms import JobFairForm
from jobs.models import JobFair
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView


class FairListView(StaffRequiredMixin, ListView):
    permission = "jobs.view"
    template_name = "jobs/fair_staff_list.html"
    context_object_name = "fairs"
    paginate_by = 50

    def get_queryset(self):
        return selectors.fair_list(user=self.request.user)


class FairFormView(ServiceFormView):
    permission = "jobs.manage_fair"
    template_name = "jobs/fair_form.html"
    form_class = JobFairForm
    model = JobFair

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = selectors.fair_get(user=request.user, pk=kwargs["pk"]) if "pk" in kwargs else JobFair()
        return super().dispatch(request, *args, **kwargs)

    success_message = gettext_lazy("Fair saved.")

    def get_form_kwargs(self):
        return {"user": self.request.user, "instance": self.object}

    def perform(self, form):
        fair = services.job_fair_save(
            actor=self.request.user,
            fair=form.instance,
            employers=list(form.cleaned_data["employers"]),
            postings=list(form.cleaned_data["postings"]),
            request=self.request,
        )
        return reverse("jobs:fair_detail", kwargs={"pk": fair.pk})

    def get_context_data(self, **kwargs):
        return super().get_context_data(fair=self.object, **kwargs)


class FairDetailView(StaffRequiredMixin, DetailView):
    permission = "jobs.view_signups"
    template_name = "jobs/fair_staff_detail.html"
    context_object_name = "fair"
    model = JobFair

    def get_object(self, queryset=None):
        return selectors.fair_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            signups=selectors.fair_signups(user=self.request.user, fair=self.object),
            employers=selectors.fair_employers(fair=self.object),
            postings=selectors.fair_postings(fair=self.object),
            **kwargs,
        )
