"""Matching residents and postings, recommending, the recommendation's next
steps, saved searches and their daily matches."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from jobs import matching, selectors, services
from jobs.forms import JobAlertForm, RecommendForm, TransitionForm
from jobs.models import JobAlert, Recommendation, RecommendationState
from stations.forms.errors import error_messages
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView


class ResidentMatchesView(StaffRequiredMixin, TemplateView):
    """Postings ranked for one resident, with a button to recommend each."""

    permission = "jobs.recommend"
    template_name = "jobs/resident_matches.html"

    def get_context_data(self, **kwargs):
        resident = selectors.resident_get(user=self.request.user, pk=self.kwargs["resident_pk"])
        return super().get_context_data(
            resident=resident,
            matches=matching.postings_for_resident(resident=resident, limit=25),
            recommended=selectors.resident_recommended_posting_ids(resident=resident),
            alerts=selectors.resident_alerts(resident=resident),
            today=timezone.localdate(),
            **kwargs,
        )

    def post(self, request, resident_pk):
        resident = selectors.resident_get(user=request.user, pk=resident_pk)
        form = RecommendForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Check the date and try again."))
            return redirect("jobs:resident_matches", resident_pk=resident.pk)
        posting = selectors.recommendable_posting(user=request.user, pk=form.cleaned_data["posting"])
        if posting is None:
            messages.error(request, _("That posting no longer exists."))
            return redirect("jobs:resident_matches", resident_pk=resident.pk)
        try:
            recommendation = services.recommendation_create(
                actor=request.user,
                resident=resident,
                posting=posting,
                recommended_on=form.cleaned_data["recommended_on"],
                channel=form.cleaned_data["channel"],
                note=form.cleaned_data["note"],
                request=request,
            )
        except ValidationError as exc:
            for message in error_messages(exc):
                messages.error(request, message)
            return HttpResponseRedirect(
                request.META.get("HTTP_REFERER")
                or reverse("jobs:resident_matches", kwargs={"resident_pk": resident.pk})
            )
        messages.success(request, _("Recommended and written to the service log."))
        return redirect("jobs:recommendation_detail", pk=recommendation.pk)


class RecommendationListView(StaffRequiredMixin, ListView):
    permission = "jobs.view"
    template_name = "jobs/recommendation_list.html"
    context_object_name = "recommendations"
    paginate_by = 50

    def get_queryset(self):
        return selectors.recommendation_list(user=self.request.user, filters=self.request.GET)

    def get_context_data(self, **kwargs):
        return super().get_context_data(states=RecommendationState.choices, **kwargs)


class RecommendationDetailView(SingleObjectMixin, ServiceFormView):
    """A recommendation with its history; takes the next step by POST."""

    permission = "jobs.view"
    template_name = "jobs/recommendation_detail.html"
    context_object_name = "recommendation"
    model = Recommendation
    form_class = TransitionForm
    success_message = gettext_lazy("Recorded.")
    invalid_status = 400

    def load(self):
        self.object = selectors.recommendation_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_initial(self):
        return {"started_on": timezone.localdate(), "contract_months": 12}

    def get_context_data(self, **kwargs):
        rec = self.object
        return super().get_context_data(
            transitions=selectors.recommendation_history(recommendation=rec),
            placement=getattr(rec, "placement", None) if rec.state == RecommendationState.HIRED else None,
            **kwargs,
        )

    def perform(self, form):
        data = form.cleaned_data
        services.recommendation_transition(
            actor=self.request.user,
            recommendation=self.object,
            transition=data["transition"],
            reason=data["reason"] or "",
            note=data["note"],
            started_on=data["started_on"],
            contract_months=data["contract_months"],
            request=self.request,
        )
        return reverse("jobs:recommendation_detail", kwargs={"pk": self.object.pk})


class JobAlertCreateView(ServiceFormView):
    permission = "jobs.manage_alert"
    template_name = "jobs/jobalert_form.html"
    form_class = JobAlertForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.resident = selectors.resident_get(user=request.user, pk=kwargs["resident_pk"])
        return super().dispatch(request, *args, **kwargs)

    success_message = gettext_lazy("Saved search added.")

    def get_form_kwargs(self):
        return {"user": self.request.user, "instance": JobAlert(resident=self.resident, near=self.resident.community)}

    def perform(self, form):
        services.job_alert_save(actor=self.request.user, alert=form.instance, request=self.request)
        return reverse("jobs:resident_matches", kwargs={"resident_pk": self.resident.pk})

    def get_context_data(self, **kwargs):
        return super().get_context_data(resident=self.resident, **kwargs)


class AlertMatchesView(StaffRequiredMixin, TemplateView):
    """The daily list of whom to call: new postings for residents' saved searches."""

    permission = "jobs.recommend"
    template_name = "jobs/jobalertmatch_list.html"

    def get_context_data(self, **kwargs):
        try:
            day = dt.date.fromisoformat(self.request.GET.get("day", ""))
        except ValueError:
            day = timezone.localdate()
        return super().get_context_data(
            day=day, matches=selectors.alert_matches(user=self.request.user, day=day), **kwargs
        )
