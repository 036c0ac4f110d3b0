"""Pages of the day-labour corner (零工).

Staff (/staff/jobs/gigs/): the day's and tomorrow's odd jobs in the area,
posting on someone's behalf, registering who takes odd work, acting by phone
for residents without smartphones. Public (/gigs/): the board, and the pages a
resident or a poster reaches by the short link in their message (/g/<code>);
no account and no JavaScript needed. Wrong codes are counted per address and
stop being looked up past a limit, so codes cannot be guessed by trying.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from jobs.forms_gigs import AvailabilityForm, EmployerGigForm, GigForm
from jobs.models import Employer, Gig, GigOffer
from jobs.qr import qr_svg
from jobs.selectors import gigs as selectors
from jobs.services import gigs as services
from jobs.views.public import client_ip
from stations import ratelimit
from stations.forms.errors import error_messages
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import BaseServiceFormView, ServiceFormView

public = method_decorator(login_not_required, name="dispatch")

# The session remembers the offers opened on this phone, so scanning the QR
# code at the place knows who is checking in without asking.
SESSION_KEY = "gig_offer_tokens"


def _remember(request, token: str) -> None:
    tokens = list(request.session.get(SESSION_KEY, []))
    if token not in tokens:
        tokens = [*tokens[-9:], token]
        request.session[SESSION_KEY] = tokens


# Wrong codes one address may try in an hour before lookups stop answering:
# a person mistyping a link needs a few; guessing a 10-character code needs
# around 10**14 (jobs.models.gigs.new_code).
WRONG_CODES_PER_HOUR = 20


class TooManyWrongCodes(Exception):
    pass


def _by_code(request, find, **kwargs):
    """Look a code up with `find`, counting a wrong one against the address."""
    key = f"gigs:wrong-code:{client_ip(request)}"
    if ratelimit.is_over(key, limit=WRONG_CODES_PER_HOUR, window=3600):
        raise TooManyWrongCodes
    try:
        return find(**kwargs)
    except Http404:
        ratelimit.hit(key, limit=WRONG_CODES_PER_HOUR, window=3600)
        raise


def _too_many(request):
    return render(request, "jobs/gigs/too_many.html", status=429)


class CodeLookupMixin:
    """Public pages reached by a code: a blocked address gets 429, not a lookup."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except TooManyWrongCodes:
            return _too_many(request)


def _flash_errors(request, exc: ValidationError) -> None:
    for text in error_messages(exc):
        messages.error(request, text)


# --- staff ------------------------------------------------------------------------
class GigDayView(StaffRequiredMixin, TemplateView):
    permission = "jobs.view"
    template_name = "jobs/gigs/gig_day.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        try:
            day = dt.date.fromisoformat(self.request.GET.get("day", ""))
        except ValueError:
            day = today
        return super().get_context_data(
            day=day,
            today=today,
            tomorrow=today + dt.timedelta(days=1),
            gigs=selectors.gig_day_list(user=self.request.user, day=day),
            available=selectors.availability_list(user=self.request.user)[:200],
            **kwargs,
        )


def _posted_message(gig: Gig) -> str:
    return _("Odd job posted and offered to %(n)s residents nearby.") % {"n": gig.offers.count()}


class GigCreateView(ServiceFormView):
    permission = "jobs.manage_posting"
    template_name = "jobs/gigs/gig_form.html"
    form_class = GigForm

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_initial(self):
        return {"date": timezone.localdate(), "places": 1}

    def perform(self, form):
        self.gig = services.gig_post(actor=self.request.user, data=form.cleaned_data, request=self.request)
        return reverse("jobs:gig_detail", kwargs={"pk": self.gig.pk})

    def get_success_message(self, result):
        return _posted_message(self.gig)


class GigDetailView(StaffRequiredMixin, TemplateView):
    permission = "jobs.view"
    model = Gig
    template_name = "jobs/gigs/gig_detail.html"

    def get_context_data(self, **kwargs):
        gig = selectors.gig_get_for_user(user=self.request.user, pk=self.kwargs["pk"])
        check_url = self.request.build_absolute_uri(reverse("gigs_public:check", args=[gig.check_token]))
        poster_url = self.request.build_absolute_uri(reverse("gigs_short:go", args=[gig.poster_token]))
        return super().get_context_data(
            gig=gig,
            offers=[
                (offer, services.offer_suggests_flexible_employment(offer)) for offer in selectors.gig_offers(gig=gig)
            ],
            qr=qr_svg(check_url, scale=4),
            check_url=check_url,
            poster_url=poster_url,
            **kwargs,
        )


class GigOfferActionView(StaffRequiredMixin, View):
    """The station acts for a resident by phone: accept, cancel, check in/out."""

    permission = "jobs.manage_posting"
    model = GigOffer
    action = ""

    def post(self, request, pk):
        offer = selectors.offer_get_for_user(user=request.user, pk=pk)
        try:
            if self.action == "accept":
                services.offer_accept_for(actor=request.user, offer=offer, request=request)
            elif self.action == "cancel":
                services.offer_cancel(token=offer.token, request=request)
            elif self.action == "flexible":
                services.offer_record_flexible_employment(actor=request.user, offer=offer, request=request)
                messages.success(request, _("Recorded: flexible employment."))
            else:
                services.offer_record_check(actor=request.user, offer=offer, request=request)
        except ValidationError as exc:
            _flash_errors(request, exc)
        return redirect("jobs:gig_detail", pk=offer.gig_id)


class GigStepView(StaffRequiredMixin, View):
    """Cancel an odd job, or close it as done."""

    permission = "jobs.manage_posting"
    model = Gig

    def post(self, request, pk):
        gig = selectors.gig_get_for_user(user=request.user, pk=pk)
        try:
            services.gig_step(actor=request.user, gig=gig, step=request.POST.get("step", ""), request=request)
        except ValidationError as exc:
            _flash_errors(request, exc)
        return redirect("jobs:gig_detail", pk=gig.pk)


class EmployerLinkView(StaffRequiredMixin, View):
    """Issue (and text) or revoke a registered employer's odd-job posting link."""

    permission = "jobs.manage_posting"
    model = Employer

    def post(self, request, pk):
        employer = selectors.employer_get_for_user(user=request.user, pk=pk)
        if request.POST.get("action") == "revoke":
            services.employer_gig_link_revoke(actor=request.user, employer=employer, request=request)
            messages.info(request, _("The posting link no longer works."))
        else:
            services.employer_gig_link_issue(actor=request.user, employer=employer, request=request)
            messages.success(request, _("A posting link was issued and texted to the employer's contact."))
        return redirect("jobs:employer_detail", pk=employer.pk)


class AvailabilityView(ServiceFormView):
    permission = "jobs.manage_posting"
    template_name = "jobs/gigs/availability_form.html"
    form_class = AvailabilityForm
    success_message = gettext_lazy("Registered for odd work.")

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(available=selectors.availability_list(user=self.request.user), **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        services.availability_register(
            actor=self.request.user,
            resident=data["resident"],
            kinds=data["kinds"],
            weekdays=data["weekdays"],
            max_km=data["max_km"],
            phone=data["phone"],
            text_consent=data["text_consent"],
            request=self.request,
        )
        return reverse("jobs:gig_availability")


# --- public -----------------------------------------------------------------------
@public
class BoardView(TemplateView):
    template_name = "jobs/gigs/board.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(gigs=selectors.public_gig_board(), **kwargs)


@public
class ShortLinkView(CodeLookupMixin, View):
    """/g/<code>, the link in a text message: a resident's offer or a poster's page."""

    def get(self, request, code):
        offer = _by_code(request, selectors.offer_or_none_by_token, token=code)
        if offer is not None:
            return redirect("gigs_public:offer", token=offer.token)
        if selectors.offer_or_none_by_poster_token(poster_token=code) is not None:
            return redirect("gigs_public:poster", poster_token=code)
        _by_code(request, selectors.employer_link_by_code, code=code)
        return redirect("gigs_public:employer_post", code=code)


@public
class OfferView(CodeLookupMixin, TemplateView):
    """A resident's offer, reached by the link in the text message."""

    template_name = "jobs/gigs/offer.html"

    def get_context_data(self, **kwargs):
        offer = _by_code(self.request, selectors.offer_by_token, token=self.kwargs["token"])
        _remember(self.request, offer.token)
        return super().get_context_data(offer=offer, gig=offer.gig, **kwargs)

    def post(self, request, token):
        offer = _by_code(request, selectors.offer_by_token, token=token)
        action = request.POST.get("action")
        try:
            if action == "accept":
                offer = services.offer_accept(token=token, request=request)
                if offer.state == "waiting":
                    messages.info(request, _("All places are taken: you are on the waiting list."))
                else:
                    messages.success(request, _("You have a place. Scan the QR code at the place to check in."))
            elif action == "cancel":
                services.offer_cancel(token=token, request=request)
                messages.info(request, _("Cancelled."))
            elif action == "unpaid":
                services.offer_report_unpaid(token=token, note=request.POST.get("note", ""), request=request)
                messages.info(request, _("The station has been told and will contact you."))
            elif action == "rate":
                services.offer_rate_job(token=token, rating=request.POST.get("rating"), request=request)
                messages.success(request, _("Thank you for rating."))
        except ValidationError as exc:
            _flash_errors(request, exc)
        _remember(request, offer.token)
        return redirect("gigs_public:offer", token=token)


@public
class CheckView(CodeLookupMixin, TemplateView):
    """Opened by scanning the QR code at the place: checks in or out the
    worker whose offer was opened on this phone."""

    template_name = "jobs/gigs/check.html"

    def _offer(self, gig):
        return selectors.offer_on_this_phone(gig=gig, tokens=self.request.session.get(SESSION_KEY, []))

    def get_context_data(self, **kwargs):
        gig = _by_code(self.request, selectors.gig_by_check_token, check_token=self.kwargs["check_token"])
        return super().get_context_data(gig=gig, offer=self._offer(gig), **kwargs)

    def post(self, request, check_token):
        gig = _by_code(request, selectors.gig_by_check_token, check_token=check_token)
        offer = self._offer(gig)
        if offer is None:
            raise PermissionDenied("offer")
        try:
            offer = services.offer_check_in_out(token=offer.token, check_token=check_token, request=request)
            if offer.state == "done":
                messages.success(request, _("Checked out. Hours worked: %(h)s.") % {"h": offer.hours_worked})
            else:
                messages.success(request, _("Checked in."))
        except ValidationError as exc:
            _flash_errors(request, exc)
        return redirect("gigs_public:offer", token=offer.token)


@public
class PosterView(CodeLookupMixin, TemplateView):
    """The poster's page: who is coming, confirm pay, rate workers."""

    template_name = "jobs/gigs/poster.html"

    def get_context_data(self, **kwargs):
        gig = _by_code(self.request, selectors.gig_by_poster_token, poster_token=self.kwargs["poster_token"])
        return super().get_context_data(gig=gig, offers=selectors.gig_offers(gig=gig), **kwargs)

    def post(self, request, poster_token):
        gig = _by_code(request, selectors.gig_by_poster_token, poster_token=poster_token)
        offer = selectors.poster_offer(gig=gig, pk=request.POST.get("offer"))
        try:
            if request.POST.get("action") == "rate":
                services.offer_rate_worker(
                    poster_token=poster_token, offer=offer, rating=request.POST.get("rating"), request=request
                )
            else:
                try:
                    amount = int(request.POST.get("amount", ""))
                except ValueError:
                    amount = 0
                services.offer_confirm_pay(poster_token=poster_token, offer=offer, amount=amount, request=request)
            messages.success(request, _("Saved."))
        except ValidationError as exc:
            _flash_errors(request, exc)
        return redirect("gigs_public:poster", poster_token=poster_token)


@public
class EmployerPostView(CodeLookupMixin, BaseServiceFormView):
    """An employer's own odd-job form, reached by its private link."""

    template_name = "jobs/gigs/employer_post.html"
    form_class = EmployerGigForm

    def dispatch(self, request, *args, **kwargs):
        try:
            self.link = _by_code(request, selectors.employer_link_by_code, code=kwargs["code"])
        except TooManyWrongCodes:
            return _too_many(request)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {"communities": selectors.street_communities(community=self.link.employer.community)}

    def get_initial(self):
        return {"community": self.link.employer.community_id, "date": timezone.localdate(), "places": 1}

    def get_context_data(self, **kwargs):
        return super().get_context_data(link=self.link, live=self.link.is_live(), **kwargs)

    def perform(self, form):
        try:
            self.gig = services.gig_post_by_employer_link(
                code=self.link.code, data=form.cleaned_data, request=self.request
            )
        except PermissionDenied:  # the link stopped working meanwhile: the page says so
            self.gig = None
            return self.render_to_response(self.get_context_data(form=form))
        return reverse("gigs_public:poster", kwargs={"poster_token": self.gig.poster_token})

    def get_success_message(self, result):
        return _posted_message(self.gig) if self.gig is not None else ""


staff_urlpatterns = [
    path("gigs/", GigDayView.as_view(), name="gig_day"),
    path("gigs/new/", GigCreateView.as_view(), name="gig_create"),
    path("gigs/available/", AvailabilityView.as_view(), name="gig_availability"),
    path("gigs/<int:pk>/", GigDetailView.as_view(), name="gig_detail"),
    path("gigs/<int:pk>/step/", GigStepView.as_view(), name="gig_step"),
    path("gigs/offers/<int:pk>/accept/", GigOfferActionView.as_view(action="accept"), name="gig_offer_accept"),
    path("gigs/offers/<int:pk>/cancel/", GigOfferActionView.as_view(action="cancel"), name="gig_offer_cancel"),
    path("gigs/offers/<int:pk>/check/", GigOfferActionView.as_view(action="check"), name="gig_offer_check"),
    path("gigs/employers/<int:pk>/link/", EmployerLinkView.as_view(), name="gig_employer_link"),
    path("gigs/offers/<int:pk>/flexible/", GigOfferActionView.as_view(action="flexible"), name="gig_offer_flexible"),
]

public_urlpatterns = [
    path("", BoardView.as_view(), name="board"),
    path("o/<str:token>/", OfferView.as_view(), name="offer"),
    path("check/<str:check_token>/", CheckView.as_view(), name="check"),
    path("poster/<str:poster_token>/", PosterView.as_view(), name="poster"),
    path("post/<str:code>/", EmployerPostView.as_view(), name="employer_post"),
]

# /g/<code>: the short link text messages carry (no trailing slash, as sent).
short_urlpatterns = [
    path("<str:code>", ShortLinkView.as_view(), name="go"),
    path("<str:code>/", ShortLinkView.as_view()),
]
