"""Staff pages of the day-labour corner (/staff/jobs/gigs/): the day's and
tomorrow's odd jobs in the area, posting on someone's behalf, registering
who takes odd work, acting by phone for residents without smartphones."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from jobs.forms_gigs import AvailabilityForm, GigForm
from jobs.models import Employer, Gig, GigOffer
from jobs.qr import qr_svg
from jobs.selectors import gigs as selectors
from jobs.services import gigs as services
from jobs.views.gigs.common import flash_errors, posted_message
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView


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
        return posted_message(self.gig)


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
            flash_errors(request, exc)
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
            flash_errors(request, exc)
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
