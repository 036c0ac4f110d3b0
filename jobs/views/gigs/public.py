"""Public pages of the day-labour corner (/gigs/, /g/<code>): the board, and
the pages a resident or a poster reaches by the short link in their
message; no account and no JavaScript needed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from jobs.forms_gigs import EmployerGigForm
from jobs.selectors import gigs as selectors
from jobs.services import gigs as services
from jobs.views.gigs.codes import SESSION_KEY, CodeLookupMixin, TooManyWrongCodes, by_code, public, remember, too_many
from jobs.views.gigs.common import flash_errors, posted_message
from stations.views.service_form import BaseServiceFormView


@public
class BoardView(TemplateView):
    template_name = "jobs/gigs/board.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(gigs=selectors.public_gig_board(), **kwargs)


@public
class ShortLinkView(CodeLookupMixin, View):
    """/g/<code>, the link in a text message: a resident's offer or a poster's page."""

    def get(self, request, code):
        offer = by_code(request, selectors.offer_or_none_by_token, token=code)
        if offer is not None:
            return redirect("gigs_public:offer", token=offer.token)
        if selectors.offer_or_none_by_poster_token(poster_token=code) is not None:
            return redirect("gigs_public:poster", poster_token=code)
        by_code(request, selectors.employer_link_by_code, code=code)
        return redirect("gigs_public:employer_post", code=code)


@public
class OfferView(CodeLookupMixin, TemplateView):
    """A resident's offer, reached by the link in the text message."""

    template_name = "jobs/gigs/offer.html"

    def get_context_data(self, **kwargs):
        offer = by_code(self.request, selectors.offer_by_token, token=self.kwargs["token"])
        remember(self.request, offer.token)
        return super().get_context_data(offer=offer, gig=offer.gig, **kwargs)

    def post(self, request, token):
        offer = by_code(request, selectors.offer_by_token, token=token)
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
            flash_errors(request, exc)
        remember(request, offer.token)
        return redirect("gigs_public:offer", token=token)


@public
class CheckView(CodeLookupMixin, TemplateView):
    """Opened by scanning the QR code at the place: checks in or out the
    worker whose offer was opened on this phone."""

    template_name = "jobs/gigs/check.html"

    def _offer(self, gig):
        return selectors.offer_on_this_phone(gig=gig, tokens=self.request.session.get(SESSION_KEY, []))

    def get_context_data(self, **kwargs):
        gig = by_code(self.request, selectors.gig_by_check_token, check_token=self.kwargs["check_token"])
        return super().get_context_data(gig=gig, offer=self._offer(gig), **kwargs)

    def post(self, request, check_token):
        gig = by_code(request, selectors.gig_by_check_token, check_token=check_token)
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
            flash_errors(request, exc)
        return redirect("gigs_public:offer", token=offer.token)


@public
class PosterView(CodeLookupMixin, TemplateView):
    """The poster's page: who is coming, confirm pay, rate workers."""

    template_name = "jobs/gigs/poster.html"

    def get_context_data(self, **kwargs):
        gig = by_code(self.request, selectors.gig_by_poster_token, poster_token=self.kwargs["poster_token"])
        return super().get_context_data(gig=gig, offers=selectors.gig_offers(gig=gig), **kwargs)

    def post(self, request, poster_token):
        gig = by_code(request, selectors.gig_by_poster_token, poster_token=poster_token)
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
            flash_errors(request, exc)
        return redirect("gigs_public:poster", poster_token=poster_token)


@public
class EmployerPostView(CodeLookupMixin, BaseServiceFormView):
    """An employer's own odd-job form, reached by its private link."""

    template_name = "jobs/gigs/employer_post.html"
    form_class = EmployerGigForm

    def dispatch(self, request, *args, **kwargs):
        try:
            self.link = by_code(request, selectors.employer_link_by_code, code=kwargs["code"])
        except TooManyWrongCodes:
            return too_many(request)
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
        return posted_message(self.gig) if self.gig is not None else ""
