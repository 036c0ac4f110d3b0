"""Staff pages of the job market (/staff/jobs/). Thin: forms parse, selectors
read within scope, services write."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView, TemplateView, View
from django.views.generic.detail import SingleObjectMixin

from jobs import exports, matching, selectors, services
from jobs.forms import (
    EmployerForm,
    ImportForm,
    JobAlertForm,
    JobFairForm,
    LabourSurveyForm,
    RecommendForm,
    RejectForm,
    ReviewForm,
    StaffPostingForm,
    TransitionForm,
)
from jobs.models import (
    Employer,
    JobAlert,
    JobFair,
    Posting,
    PostingStatus,
    Recommendation,
    RecommendationState,
)
from jobs.selectors.gigs import employer_link_live
from stations.forms.errors import error_messages
from stations.permissions import user_can
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView


def review_panel_context(request):
    """Dashboard to-do: postings waiting for review in the user's area."""
    if not user_can(request.user, "jobs.review_posting"):
        return None
    pending = selectors.review_queue(user=request.user)
    count = pending.count()
    if not count:
        return None
    return {"count": count, "url": reverse("jobs:review_queue")}


# --- postings ---------------------------------------------------------------------


class PostingListView(StaffRequiredMixin, ListView):
    permission = "jobs.view"
    template_name = "jobs/posting_staff_list.html"
    context_object_name = "postings"
    paginate_by = 50

    def get_queryset(self):
        return selectors.posting_list(user=self.request.user, filters=self.request.GET)

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            statuses=PostingStatus.choices,
            querystring=query.urlencode(),
            pending=selectors.review_queue(user=self.request.user).count(),
            sheet_stations=selectors.sheet_station_choices(user=self.request.user),
            **kwargs,
        )


class ReviewQueueView(StaffRequiredMixin, ListView):
    permission = "jobs.review_posting"
    template_name = "jobs/posting_review_queue.html"
    context_object_name = "postings"
    paginate_by = 50

    def get_queryset(self):
        return selectors.review_queue(user=self.request.user)


class PostingFormView(ServiceFormView):
    permission = "jobs.manage_posting"
    template_name = "jobs/posting_form.html"
    form_class = StaffPostingForm
    model = Posting

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = selectors.posting_get(user=request.user, pk=kwargs["pk"]) if "pk" in kwargs else Posting()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {"user": self.request.user, "instance": self.object}

    def get_initial(self):
        if not self.object.pk and self.request.GET.get("employer"):
            return {"employer": self.request.GET["employer"]}
        return {}

    def perform(self, form):
        posting = services.posting_save(actor=self.request.user, posting=form.instance, request=self.request)
        # What the screening found is a warning, not a success: said here, not as success_message.
        if posting.screening_blocked:
            messages.warning(
                self.request, _("Saved, but it cannot be published until what the screening found is changed.")
            )
        elif posting.screening_flags:
            messages.warning(self.request, _("Saved. The screening flagged this posting: see the reasons below."))
        else:
            messages.success(self.request, _("Saved."))
        return reverse("jobs:posting_detail", kwargs={"pk": posting.pk})

    def get_context_data(self, **kwargs):
        return super().get_context_data(posting=self.object, **kwargs)


class PostingDetailView(StaffRequiredMixin, DetailView):
    permission = "jobs.view"
    template_name = "jobs/posting_staff_detail.html"
    context_object_name = "posting"
    model = Posting

    def get_object(self, queryset=None):
        return selectors.posting_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        posting = self.object
        candidates = []
        if posting.status == PostingStatus.PUBLISHED and user_can(self.request.user, "jobs.recommend"):
            candidates = matching.residents_for_posting(user=self.request.user, posting=posting, limit=15)
        return super().get_context_data(
            review_form=ReviewForm(),
            reject_form=RejectForm(),
            candidates=candidates,
            recommendations=selectors.posting_recommendations(user=self.request.user, posting=posting),
            **kwargs,
        )


class PostingActionView(StaffRequiredMixin, View):
    """POST-only: publish (approve), reject with a reason, or mark filled."""

    permission = "jobs.review_posting"
    model = Posting
    action = ""

    def post(self, request, pk):
        posting = selectors.posting_get(user=request.user, pk=pk)
        note = request.POST.get("reason" if self.action == "reject" else "note", "")
        try:
            services.posting_step(actor=request.user, posting=posting, step=self.action, note=note, request=request)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, self.DONE[self.action])
        return redirect("jobs:posting_detail", pk=posting.pk)

    DONE = {
        "publish": gettext_lazy("Published: residents can see it now."),
        "reject": gettext_lazy("Rejected. The reason is kept with the posting."),
        "filled": gettext_lazy("Marked as filled; it has left the public market."),
    }


# --- employers --------------------------------------------------------------------


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


# --- fairs ------------------------------------------------------------------------


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


# --- recommendations and matching ----------------------------------------------------


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
            steps=rec.allowed_transitions(),
            placement=getattr(rec, "placement", None) if rec.state == RecommendationState.HIRED else None,
            can_act=user_can(self.request.user, "jobs.recommend"),
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


class PostTargetsView(StaffRequiredMixin, TemplateView):
    permission = "jobs.view"
    template_name = "jobs/community_post_targets.html"

    def get_context_data(self, **kwargs):
        rows = selectors.community_post_targets(user=self.request.user)
        paginator = Paginator(rows, 100)
        return super().get_context_data(
            page_obj=paginator.get_page(self.request.GET.get("page")),
            subtotals=selectors.community_post_target_subtotals(user=self.request.user, rows=rows),
            target=selectors.community_workers_target(),
            **kwargs,
        )


urlpatterns = [
    path("", PostingListView.as_view(), name="posting_list"),
    path("review/", ReviewQueueView.as_view(), name="review_queue"),
    path("postings/new/", PostingFormView.as_view(), name="posting_create"),
    path("postings/<int:pk>/", PostingDetailView.as_view(), name="posting_detail"),
    path("postings/<int:pk>/edit/", PostingFormView.as_view(), name="posting_edit"),
    path("postings/<int:pk>/publish/", PostingActionView.as_view(action="publish"), name="posting_publish"),
    path("postings/<int:pk>/reject/", PostingActionView.as_view(action="reject"), name="posting_reject"),
    path(
        "postings/<int:pk>/filled/",
        PostingActionView.as_view(action="filled", permission="jobs.manage_posting"),
        name="posting_filled",
    ),
    path("employers/", EmployerListView.as_view(), name="employer_list"),
    path("employers/new/", EmployerFormView.as_view(), name="employer_create"),
    path("employers/export.xlsx", EmployerExportView.as_view(), name="employer_export"),
    path("employers/<int:pk>/", EmployerDetailView.as_view(), name="employer_detail"),
    path("employers/<int:pk>/edit/", EmployerFormView.as_view(), name="employer_edit"),
    path("fairs/", FairListView.as_view(), name="fair_list"),
    path("fairs/new/", FairFormView.as_view(), name="fair_create"),
    path("fairs/<int:pk>/", FairDetailView.as_view(), name="fair_detail"),
    path("fairs/<int:pk>/edit/", FairFormView.as_view(), name="fair_edit"),
    path("recommendations/", RecommendationListView.as_view(), name="recommendation_list"),
    path("recommendations/<int:pk>/", RecommendationDetailView.as_view(), name="recommendation_detail"),
    path("residents/<int:resident_pk>/matches/", ResidentMatchesView.as_view(), name="resident_matches"),
    path("residents/<int:resident_pk>/alerts/new/", JobAlertCreateView.as_view(), name="jobalert_create"),
    path("alerts/", AlertMatchesView.as_view(), name="alert_matches"),
    path("targets/", PostTargetsView.as_view(), name="post_targets"),
]
