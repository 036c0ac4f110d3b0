"""The resident's own page, /me/: sign-in by text-message code, the record
as the station keeps it, change and data requests, a copy of the data, and
opting out of messages. No JavaScript; no staff account involved."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from jobs.services import gigs as gig_services
from self_service import oidc, selectors, services
from self_service.forms import (
    ChangeForm,
    ChooseResidentForm,
    CodeForm,
    DataRequestForm,
    HouseholdGigForm,
    MobileForm,
    OddWorkForm,
)
from self_service.session import resident_sign_in, resident_sign_out, signed_in_resident
from stations.audit import audit_record
from stations.models import AuditAction, TextConsent

app_name = "me"

# Between the code and the choice of person on a shared phone.
NUMBER_KEY = "me_sign_in_number"
VERIFIED_KEY = "me_verified"
VERIFIED_SECONDS = 300


def _client(request) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# Personal pages on phones that may be shared: never kept in a cache.
personal = method_decorator([login_not_required, never_cache], name="dispatch")


@personal
class SignInView(FormView):
    template_name = "self_service/sign_in.html"
    form_class = MobileForm

    def get(self, request, *args, **kwargs):
        if signed_in_resident(request) is not None:
            return redirect("me:home")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(oidc_enabled=oidc.oidc_enabled(), **kwargs)

    def form_valid(self, form):
        try:
            number = services.sign_in_code_request(number=form.cleaned_data["mobile"], client=_client(self.request))
        except services.SignInRefused as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        self.request.session[NUMBER_KEY] = number
        return redirect("me:code")


@personal
class CodeView(FormView):
    template_name = "self_service/sign_in_code.html"
    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        self.number = request.session.get(NUMBER_KEY)
        if not self.number:
            return redirect("me:sign_in")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        masked = f"{self.number[:3]}****{self.number[-4:]}"
        return super().get_context_data(masked_number=masked, **kwargs)

    def form_valid(self, form):
        try:
            residents = services.sign_in_code_verify(
                number=self.number, code=form.cleaned_data["code"], client=_client(self.request)
            )
        except services.SignInRefused as exc:
            form.add_error("code", str(exc))
            return self.form_invalid(form)
        self.request.session.pop(NUMBER_KEY, None)
        if len(residents) == 1:
            resident_sign_in(self.request, resident=residents[0], method="text_code")
            return redirect("me:home")
        # A household's shared phone: the holder of the phone says who they are.
        self.request.session[VERIFIED_KEY] = {"number": self.number, "at": timezone.now().timestamp()}
        return redirect("me:choose")


@personal
class ChooseView(FormView):
    template_name = "self_service/sign_in_choose.html"
    form_class = ChooseResidentForm

    def dispatch(self, request, *args, **kwargs):
        verified = request.session.get(VERIFIED_KEY) or {}
        if not verified or timezone.now().timestamp() - verified.get("at", 0) > VERIFIED_SECONDS:
            request.session.pop(VERIFIED_KEY, None)
            return redirect("me:sign_in")
        self.residents = selectors.live_residents_with_mobile(number=verified["number"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "residents": self.residents}

    def form_valid(self, form):
        resident = next(r for r in self.residents if r.pk == form.cleaned_data["resident"])
        self.request.session.pop(VERIFIED_KEY, None)
        resident_sign_in(self.request, resident=resident, method="text_code")
        return redirect("me:home")


class OidcMixin:
    """The province sign-in's pages exist only when it is configured."""

    def dispatch(self, request, *args, **kwargs):
        if not oidc.oidc_enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def failed(self, *, cancelled: bool = False):
        return render(
            self.request, "self_service/oidc_failed.html", {"cancelled": cancelled}, status=200 if cancelled else 400
        )


@personal
class OidcStartView(OidcMixin, View):
    """To the province's sign-in page: the button on /me/sign-in/ (a form), or
    a plain link from the 爱山东 app (GET, so a deep link can start here)."""

    http_method_names = ["get", "post"]

    def get(self, request):
        if signed_in_resident(request) is not None:
            return redirect("me:home")
        try:
            return oidc.authorization_redirect(
                request, redirect_uri=request.build_absolute_uri(reverse("me:oidc_callback"))
            )
        except oidc.OidcFailed:
            return self.failed()

    post = get


@personal
class OidcCallbackView(OidcMixin, View):
    """The provider sends the browser back here with a code (or an error)."""

    def get(self, request):
        try:
            id_number = oidc.verified_id_number(request)
        except oidc.OidcFailed as exc:
            return self.failed(cancelled=exc.cancelled)
        residents = selectors.live_residents_with_id_number(id_number=id_number)
        if len(residents) == 1:
            resident_sign_in(request, resident=residents[0], method=oidc.METHOD)
            return redirect("me:home")
        # No record, or two records of one person waiting to be merged: a
        # station has to act, and guessing would show someone half a record.
        return render(
            request,
            "self_service/oidc_no_record.html",
            {"several": bool(residents)},
        )


class ResidentPageMixin:
    """Pages for the signed-in resident; others go to the sign-in page."""

    def dispatch(self, request, *args, **kwargs):
        self.resident = signed_in_resident(request)
        if self.resident is None:
            return redirect("me:sign_in")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(resident=self.resident, **kwargs)


@personal
class HomeView(ResidentPageMixin, TemplateView):
    template_name = "self_service/me.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**selectors.resident_overview(resident=self.resident), **kwargs)


@personal
class ChangeView(ResidentPageMixin, FormView):
    template_name = "self_service/change.html"
    form_class = ChangeForm

    def get_initial(self):
        return {name: getattr(self.resident, name) for name in services.CHANGEABLE_FIELDS}

    def form_valid(self, form):
        data = {name: form.cleaned_data[name] for name in services.CHANGEABLE_FIELDS}
        # An empty box means "keep", not "erase": clearing a value is a correction request.
        data = {name: value for name, value in data.items() if value not in ("", None)}
        try:
            services.change_request_create(resident=self.resident, data=data, request=self.request)
        except ValidationError as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Sent. Your community's staff will check the change; your page shows when it is made.")
        )
        return redirect("me:home")


@personal
class DataRequestView(ResidentPageMixin, FormView):
    template_name = "self_service/data_request.html"
    form_class = DataRequestForm

    def form_valid(self, form):
        try:
            data_request = services.data_request_create(
                resident=self.resident,
                kind=form.cleaned_data["kind"],
                details=form.cleaned_data["details"],
                request=self.request,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Your request is recorded. Your community's staff will answer by %(date)s.")
            % {"date": data_request.due_on.isoformat()},
        )
        return redirect("me:home")


@personal
class DownloadView(ResidentPageMixin, View):
    def get(self, request):
        copy = selectors.resident_data_copy(resident=self.resident)
        audit_record(
            actor=None, action=AuditAction.EXPORT, obj=self.resident, request=request, changes={"resident_copy": True}
        )
        response = HttpResponse(
            json.dumps(copy, ensure_ascii=False, indent=2, default=str), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="my-data-{timezone.localdate():%Y%m%d}.json"'
        return response


@personal
class OptOutView(ResidentPageMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        try:
            services.resident_messages_opt_out(resident=self.resident)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Done: no more text messages will be sent to you, from now on."))
        return redirect("me:home")


@personal
class OddWorkView(ResidentPageMixin, FormView):
    """Which odd work the resident takes: their own wish, saved at once (no
    staff confirmation), or withdrawn."""

    template_name = "self_service/odd_work.html"
    form_class = OddWorkForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "consent_given": self.resident.text_consent == TextConsent.GIVEN}

    def get_initial(self):
        row = selectors.resident_odd_work(resident=self.resident)["gig_availability"]
        if row is None:
            return {"weekdays": list(range(7)), "max_km": 3}
        return {"kinds": row.kinds, "weekdays": row.weekdays, "max_km": row.max_km}

    def get_context_data(self, **kwargs):
        row = selectors.resident_odd_work(resident=self.resident)["gig_availability"]
        return super().get_context_data(availability=row, **kwargs)

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "withdraw":
            gig_services.availability_withdraw_own(resident=self.resident, request=request)
            messages.success(request, _("Done: you will get no more odd-job offers."))
            return redirect("me:home")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            gig_services.availability_register_own(
                resident=self.resident,
                kinds=data["kinds"],
                weekdays=data["weekdays"],
                max_km=data["max_km"],
                text_consent=data.get("text_consent", False),
                request=self.request,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved: new odd jobs near you that fit will be offered to you."))
        return redirect("me:home")


@personal
class GigPostView(ResidentPageMixin, FormView):
    """A household posts an odd job; the poster's page (/g/<code>) does the rest."""

    template_name = "self_service/gig_post.html"
    form_class = HouseholdGigForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "communities": selectors.household_gig_communities(resident=self.resident),
        }

    def get_initial(self):
        return {"community": self.resident.community_id, "date": timezone.localdate(), "places": 1}

    def form_valid(self, form):
        try:
            gig = gig_services.gig_post_for_household(
                resident=self.resident, data=form.cleaned_data, request=self.request
            )
        except ValidationError as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        except PermissionDenied:
            return redirect("me:sign_in")
        messages.success(
            self.request,
            _("Odd job posted and offered to %(n)s residents nearby.") % {"n": selectors.gig_offer_count(gig=gig)},
        )
        return redirect("me:home")


@personal
class SignOutView(View):
    http_method_names = ["post"]

    def post(self, request):
        resident_sign_out(request)
        messages.success(request, _("You are signed out."))
        return redirect("me:sign_in")


urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("sign-in/", SignInView.as_view(), name="sign_in"),
    path("sign-in/code/", CodeView.as_view(), name="code"),
    path("sign-in/who/", ChooseView.as_view(), name="choose"),
    path("sign-in/province/", OidcStartView.as_view(), name="oidc_start"),
    path("sign-in/province/callback/", OidcCallbackView.as_view(), name="oidc_callback"),
    path("sign-out/", SignOutView.as_view(), name="sign_out"),
    path("change/", ChangeView.as_view(), name="change"),
    path("data-request/", DataRequestView.as_view(), name="data_request"),
    path("download/", DownloadView.as_view(), name="download"),
    path("messages/stop/", OptOutView.as_view(), name="opt_out"),
    path("odd-work/", OddWorkView.as_view(), name="odd_work"),
    path("odd-jobs/new/", GigPostView.as_view(), name="gig_post"),
]
