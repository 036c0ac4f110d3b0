"""Public pages of the job market (/jobs/): no account, no JavaScript needed,
nothing personal shown."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView

from jobs import selectors, services
from jobs.forms import PublicPostingForm, PublicSearchForm, SignUpForm
from jobs.models import JobFair, Posting
from jobs.qr import qr_svg
from stations import ratelimit
from stations.models import RelatedSite, Station
from stations.public_cache import cache_public_page

public = method_decorator(login_not_required, name="dispatch")

# Employers' public form: at most this many submissions per address per hour.
SUBMIT_LIMIT_PER_HOUR = 5


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


# The list's filters and its page number: other parameters are not cached.
LIST_PARAMS = frozenset(PublicSearchForm.base_fields) | {"page"}


@public
@method_decorator(cache_public_page(namespace="jobs", params=LIST_PARAMS), name="get")
class PostingListView(TemplateView):
    template_name = "jobs/posting_list.html"
    per_page = 20

    def get_context_data(self, **kwargs):
        streets, communities, stations = selectors.public_places(self.request.GET)
        form = PublicSearchForm(self.request.GET or None, streets=streets, communities=communities, stations=stations)
        search = form.search()
        try:
            page = int(self.request.GET.get("page", 1))
        except ValueError:
            page = 1
        result = selectors.public_posting_page(search, page=page, per_page=self.per_page)
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            form=form,
            result=result,
            querystring=query.urlencode(),
            searching=bool(query),
            **kwargs,
        )


@public
@method_decorator(cache_public_page(namespace="jobs", params=frozenset()), name="get")
class PostingDetailView(DetailView):
    template_name = "jobs/posting_detail.html"
    context_object_name = "posting"
    model = Posting

    def get_object(self, queryset=None):
        try:
            return selectors.public_posting_get(pk=self.kwargs["pk"])
        except Posting.DoesNotExist:
            raise Http404 from None

    def get_context_data(self, **kwargs):
        return super().get_context_data(stations=selectors.stations_for_community(self.object.community_id), **kwargs)


@public
class PostingSubmitView(FormView):
    template_name = "jobs/posting_submit.html"
    form_class = PublicPostingForm

    def form_valid(self, form):
        if not ratelimit.hit(f"jobs:submit:{client_ip(self.request)}", limit=SUBMIT_LIMIT_PER_HOUR, window=3600):
            form.add_error(
                None,
                _(
                    "Too many vacancies were sent from this connection in the last hour. "
                    "Please try again later or call your station."
                ),
            )
            return self.form_invalid(form)
        try:
            posting = services.posting_submit_public(
                employer=form.employer(), posting=form.instance, request=self.request
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
            return self.form_invalid(form)
        self.request.session["jobs_submitted"] = posting.pk
        return redirect("jobs_public:posting_submitted")


@public
class PostingSubmittedView(TemplateView):
    template_name = "jobs/posting_submitted.html"

    def get_context_data(self, **kwargs):
        pk = self.request.session.get("jobs_submitted")
        posting = selectors.submitted_posting(pk=pk)
        stations = selectors.stations_for_community(posting.community_id) if posting else []
        return super().get_context_data(posting=posting, stations=stations, **kwargs)


@public
class FairListView(ListView):
    template_name = "jobs/fair_list.html"
    context_object_name = "fairs"
    paginate_by = 20

    def get_queryset(self):
        return selectors.public_fair_list()


@public
class FairDetailView(DetailView):
    template_name = "jobs/fair_detail.html"
    context_object_name = "fair"
    model = JobFair

    def get_object(self, queryset=None):
        return selectors.public_fair_get(pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(
            form=kwargs.pop("form", None) or SignUpForm(),
            employers=selectors.fair_employers(fair=self.object),
            postings=selectors.public_fair_postings(fair=self.object, today=today),
            is_over=self.object.ends_at < timezone.now(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = SignUpForm(request.POST)
        if self.object.ends_at < timezone.now():
            form.add_error(None, _("This fair is over; sign-ups are closed."))
        elif form.is_valid():
            try:
                services.fair_signup_create(
                    fair=self.object, name=form.cleaned_data["name"], phone=form.cleaned_data["phone"], request=request
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("You are signed up. The station may call you before the fair."))
                return redirect(reverse("jobs_public:fair_detail", kwargs={"pk": self.object.pk}))
        return self.render_to_response(self.get_context_data(form=form), status=400)


@public
class StationSheetView(DetailView):
    """A one-page notice-board sheet: the station's live postings, each with a
    QR code to its public page."""

    template_name = "jobs/station_sheet.html"
    context_object_name = "station"
    model = Station

    def get_object(self, queryset=None):
        return selectors.public_station_get(pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        postings = selectors.station_live_postings(station=self.object)
        items = [
            (p, qr_svg(self.request.build_absolute_uri(reverse("jobs_public:posting_detail", kwargs={"pk": p.pk}))))
            for p in postings
        ]
        market = (
            self.request.build_absolute_uri(reverse("jobs_public:posting_list")) + f"?near=s{self.object.pk}&radius=3"
        )
        return super().get_context_data(
            items=items, market_url=market, market_qr=qr_svg(market), today=timezone.localdate(), **kwargs
        )


@public
class SitePublicView(TemplateView):
    """A micro-factory, Rukang home, housekeeping outlet or demo base, with the
    open jobs tied to it: where a resident who walks past can see what it offers."""

    template_name = "jobs/site_detail.html"

    def get_context_data(self, **kwargs):
        try:
            site = selectors.public_site_get(pk=self.kwargs["pk"])
        except RelatedSite.DoesNotExist:
            raise Http404 from None
        return super().get_context_data(
            site=site,
            postings=selectors.public_site_postings(site=site),
            stations=selectors.stations_for_community(site.community_id),
            **kwargs,
        )


def station_sheet_url(station_pk: int) -> str:
    return reverse("jobs_public:station_sheet", kwargs={"pk": station_pk})


urlpatterns = [
    path("", PostingListView.as_view(), name="posting_list"),
    path("<int:pk>/", PostingDetailView.as_view(), name="posting_detail"),
    path("submit/", PostingSubmitView.as_view(), name="posting_submit"),
    path("submit/thanks/", PostingSubmittedView.as_view(), name="posting_submitted"),
    path("fairs/", FairListView.as_view(), name="fair_list"),
    path("fairs/<int:pk>/", FairDetailView.as_view(), name="fair_detail"),
    path("stations/<int:pk>/sheet/", StationSheetView.as_view(), name="station_sheet"),
    path("sites/<int:pk>/", SitePublicView.as_view(), name="site_detail"),
]
