"""Staff pages of employers: the list, the form, the page that takes a
labour survey, and the export."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, View
from django.views.generic.detail import SingleObjectMixin

from jobs import exports, selectors, services
from jobs.forms import EmployerForm, ImportForm, LabourSurveyForm
from jobs.models import Employer
from jobs.selectors.gigs import employer_link_live
from stations.permissions import user_can
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView


class EmployerListView(StaffRequiredMixin, ListView):
    permission = "jobs.view"
    template_name = "jobs/employer_list.html"
    context_object_name = "employers"
    paginate_by = 50

    def get_queryset(self):
        return selectors.employer_list(user=self.request.user, filters=self.request.GET)

    def get_context_data(self, **kwargs):
        return super().get_context_data(import_form=ImportForm(), **kwargs)


class EmployerFormView(ServiceFormView):
    permission = "jobs.manage_employer"
    template_name = "jobs/employer_form.html"
    form_class = EmployerForm
    model = Employer

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = selectors.employer_get(user=request.user, pk=kwargs["pk"]) if "pk" in kwargs else Employer()
        return super().dispatch(request, *args, **kwargs)

    success_message = gettext_lazy("Employer saved.")

    def get_form_kwargs(self):
        return {"user": self.request.user, "instance": self.object}

    def perform(self, form):
        employer = services.employer_save(actor=self.request.user, employer=form.instance, request=self.request)
        return reverse("jobs:employer_detail", kwargs={"pk": employer.pk})

    def get_context_data(self, **kwargs):
        return super().get_context_data(employer=self.object, **kwargs)


class EmployerDetailView(SingleObjectMixin, ServiceFormView):
    """An employer with its surveys and postings; takes a labour survey by POST."""

    permission = "jobs.view"
    template_name = "jobs/employer_detail.html"
    context_object_name = "employer"
    model = Employer
    form_class = LabourSurveyForm
    form_context_name = "survey_form"
    success_message = gettext_lazy("Survey recorded.")
    invalid_status = 400

    def load(self):
        self.object = selectors.employer_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_initial(self):
        return {"surveyed_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            surveys=selectors.employer_surveys(employer=self.object),
            postings=selectors.employer_postings(user=self.request.user, employer=self.object),
            gig_link=employer_link_live(employer=self.object),
            gig_link_allowed=user_can(self.request.user, "jobs.manage_posting"),
            **kwargs,
        )

    def perform(self, form):
        survey = form.save(commit=False)
        survey.employer = self.object
        services.labour_survey_save(actor=self.request.user, survey=survey, request=self.request)
        return reverse("jobs:employer_detail", kwargs={"pk": self.object.pk})


class EmployerExportView(StaffRequiredMixin, View):
    permission = "jobs.export"

    def get(self, request):
        return exports.employer_export(user=request.user, request=request)
