"""Staff pages of postings: the list, the review queue, the form, the page
with its steps (publish, reject, filled), and the dashboard's review to-do."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView, View

from jobs import matching, selectors, services
from jobs.forms import RejectForm, ReviewForm, StaffPostingForm
from jobs.models import Posting, PostingStatus
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
        field = "reason" if self.action == "reject" else "note"
        note = request.POST.get(field, "")
        try:
            services.posting_step(actor=request.user, posting=posting, step=self.action, note=note, request=request)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            # The posting page again, with what was typed kept beside its step.
            page = PostingDetailView(request=request, kwargs={"pk": pk}, object=posting)
            context = page.get_context_data(typed={field: note})
            return page.render_to_response(context, status=400)
        messages.success(request, self.DONE[self.action])
        return redirect("jobs:posting_detail", pk=posting.pk)

    DONE = {
        "publish": gettext_lazy("Published: residents can see it now."),
        "reject": gettext_lazy("Rejected. The reason is kept with the posting."),
        "filled": gettext_lazy("Marked as filled; it has left the public market."),
    }
