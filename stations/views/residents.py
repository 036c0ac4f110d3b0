"""The resident registry pages under /staff/residents/.

Views stay thin: reads through stations.selectors, writes through
stations.services.residents. An ID number or phone never travels in a URL:
the search box posts, the text is kept in the session under a random token,
and the list is reached with that token only.
"""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from stations import navigation
from stations.forms.residents import (
    HouseholdJoinForm,
    RemovalForm,
    ResidentForm,
    ResidentSearchForm,
    ServiceRecordForm,
    StatusChangeForm,
    TextConsentForm,
    TransferDecisionForm,
    TransferRequestForm,
)
from stations.models import (
    SENSITIVE_GROUPS,
    Community,
    EmploymentStatus,
    Resident,
    ResidentTransferRequest,
    SkillLevel,
    TransferStatus,
)
from stations.permissions import user_can
from stations.scoping import get_visible_or_404
from stations.selectors import (
    DERIVED_GROUPS,
    SORTS,
    derived_group_codes,
    four_clears_summary,
    resident_get_for_user,
    resident_merged_into,
    resident_merges_into,
    resident_record_parts,
    resident_rows,
    resident_search,
    resident_text_messages,
    target_group_choices,
    transfer_request_incoming,
    transfer_request_outgoing,
)
from stations.services import residents as services
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView

SEARCH_SESSION_KEY = "resident_searches"
SEARCH_TOKENS_KEPT = 20
PAGE_SIZES = (20, 50, 100)
LIST_FILTERS = ("community", "status", "group", "skill", "four_clears", "wish", "sort", "removed", "per_page")

FOUR_CLEARS_CHOICES = [
    ("complete", gettext_lazy("Complete (4 of 4)")),
    ("incomplete", gettext_lazy("Incomplete")),
    *((str(n), gettext_lazy("%(n)s of 4") % {"n": n}) for n in range(4)),
]
SORT_LABELS = {
    "community": gettext_lazy("Community"),
    "name": gettext_lazy("Name A→Z"),
    "-name": gettext_lazy("Name Z→A"),
    "age": gettext_lazy("Youngest first"),
    "-age": gettext_lazy("Oldest first"),
    "new": gettext_lazy("Newest records"),
    "four_clears": gettext_lazy("Least complete first"),
    "-four_clears": gettext_lazy("Most complete first"),
}


def _search_text(request, token: str) -> str | None:
    return request.session.get(SEARCH_SESSION_KEY, {}).get(token)


def _store_search(request, text: str) -> str:
    """Keep `text` in the session and return a random token that names it."""
    searches = dict(request.session.get(SEARCH_SESSION_KEY, {}))
    token = secrets.token_urlsafe(9)
    searches[token] = text
    while len(searches) > SEARCH_TOKENS_KEPT:
        searches.pop(next(iter(searches)))
    request.session[SEARCH_SESSION_KEY] = searches
    return token


class ResidentListView(StaffRequiredMixin, TemplateView):
    permission = "stations.view_resident"
    template_name = "stations/resident_list.html"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        filters = {name: params.get(name, "") for name in LIST_FILTERS}
        token = params.get("s", "")
        search_text = _search_text(self.request, token) if token else None
        if token and search_text is None:
            messages.info(self.request, _("That search has expired; please search again."))
        filters["text"] = search_text or ""
        filters["removed"] = params.get("removed") == "1"
        if filters["community"] and not str(filters["community"]).isdigit():
            filters["community"] = ""
        per_page = int(params["per_page"]) if params.get("per_page", "").isdigit() else 50
        per_page = per_page if per_page in PAGE_SIZES else 50
        # The page counts and pages ids only, then reads its own rows.
        ids = resident_search(user=self.request.user, filters=filters).values_list("pk", flat=True)
        page = Paginator(ids, per_page).get_page(params.get("page"))
        today = timezone.localdate()
        rows = [
            {
                "resident": r,
                "derived": [DERIVED_GROUPS[c].label for c in derived_group_codes(r, today)],
                # Lists may filter by sensitive groups but never print them.
                "groups": [g for g in r.target_groups.all() if g.code not in SENSITIVE_GROUPS],
            }
            for r in resident_rows(pks=list(page.object_list))
        ]
        keep = {k: v for k, v in params.items() if k != "page" and v}
        return super().get_context_data(
            page=page,
            rows=rows,
            filters=filters,
            search_form=ResidentSearchForm(initial={"text": search_text or ""}),
            search_active=bool(search_text),
            communities=Community.objects.visible_to(self.request.user).select_related("street"),
            status_choices=EmploymentStatus.choices,
            group_choices=target_group_choices(),
            skill_choices=SkillLevel.choices,
            four_clears_choices=FOUR_CLEARS_CHOICES,
            sort_choices=[(k, label) for k, label in SORT_LABELS.items() if k in SORTS],
            page_sizes=PAGE_SIZES,
            per_page=per_page,
            page_query=urlencode(keep),
            filter_hidden={k: v for k, v in keep.items() if k not in LIST_FILTERS and k != "s"},
            can_manage=user_can(self.request.user, "stations.manage_resident"),
            can_merge=user_can(self.request.user, "stations.merge_resident"),
            **kwargs,
        )


class ResidentSearchView(StaffRequiredMixin, View):
    """POST only: keeps the typed text out of the URL and the access log."""

    permission = "stations.view_resident"
    http_method_names = ["post"]

    def post(self, request):
        form = ResidentSearchForm(request.POST)
        text = form.cleaned_data["text"].strip() if form.is_valid() else ""
        params = {k: request.POST[k] for k in LIST_FILTERS if request.POST.get(k) and k != "per_page"}
        if text:
            params["s"] = _store_search(request, text)
        url = reverse("stations:resident_list")
        return HttpResponseRedirect(f"{url}?{urlencode(params)}" if params else url)


class ResidentCreateView(ServiceFormView):
    permission = "stations.manage_resident"
    template_name = "stations/resident_form.html"
    form_class = ResidentForm

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(creating=True, **kwargs)

    def perform(self, form):
        self.resident = services.resident_register(
            actor=self.request.user,
            community=form.cleaned_data["community"],
            data=form.service_data(),
            request=self.request,
        )
        if "save_add" in self.request.POST:
            return reverse("stations:resident_create")
        return reverse("stations:resident_detail", kwargs={"pk": self.resident.pk})

    def get_success_message(self, result):
        return _("%(name)s is registered.") % {"name": self.resident.name}

    def form_invalid(self, form):
        # A person registered already: a link to the record when it is in
        # scope, otherwise the transfer request form filled in.
        existing_url = transfer_form = None
        if form.duplicate is not None and form.duplicate_in_scope:
            existing_url = reverse("stations:resident_detail", kwargs={"pk": form.duplicate.resident_pk})
        elif form.duplicate is not None:
            transfer_form = TransferRequestForm(
                user=self.request.user,
                initial={
                    "id_number": form.data.get("id_number", ""),
                    "to_community": form.data.get("community") or getattr(self.request.user, "community_id", None),
                },
            )
        form.focus_first_error()
        return self.render_to_response(
            self.get_context_data(form=form, transfer_form=transfer_form, existing_url=existing_url)
        )


class ResidentRecordMixin(StaffRequiredMixin):
    """Loads the record in scope (404 otherwise) and renders the record page,
    with any bound form that failed, so what was typed stays."""

    model = Resident
    permission = "stations.view_resident"
    template_name = "stations/resident_detail.html"

    def get_resident(self) -> Resident:
        return resident_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def render_record(self, resident: Resident, status: int = 200, **forms):
        from django.template.response import TemplateResponse

        user = self.request.user
        can_manage = user_can(user, "stations.manage_resident")
        services.resident_open_full_record(actor=user, resident=resident, request=self.request)
        groups = list(resident.target_groups.all())
        context = {
            "resident": resident,
            "can_manage": can_manage,
            "can_record_service": user_can(user, "stations.record_service"),
            # Sensitive groups only for staff who work the record.
            "groups": [g for g in groups if can_manage or g.code not in SENSITIVE_GROUPS],
            "derived": [DERIVED_GROUPS[c].label for c in derived_group_codes(resident)],
            "four_clears": resident.four_clears(),
            "status_form": forms.get("status_form") or StatusChangeForm(),
            "service_form": forms.get("service_form") or ServiceRecordForm(),
            "household_form": forms.get("household_form") or HouseholdJoinForm(),
            "removal_form": forms.get("removal_form") or RemovalForm(),
            "text_consent_form": forms.get("text_consent_form") or TextConsentForm(),
            "text_messages": resident_text_messages(user=user, resident=resident),
            "decision_form": TransferDecisionForm(),
            "resident_actions": navigation.resident_actions(user, resident.pk),
            "merged_from": resident_merges_into(resident=resident),
            **resident_record_parts(user=user, resident=resident),
        }
        response = TemplateResponse(self.request, self.template_name, context, status=status)
        response["Cache-Control"] = "no-store"
        return response


class ResidentDetailView(ResidentRecordMixin, View):
    def get(self, request, pk):
        try:
            resident = self.get_resident()
        except Http404:
            # The old address of a record merged into another leads to the
            # record kept, when both are in the user's area.
            kept = resident_merged_into(user=request.user, pk=pk)
            if kept is None:
                raise
            messages.info(request, _("That record was merged into this one (the same person)."))
            return redirect("stations:resident_detail", pk=kept.pk)
        return self.render_record(resident)


class ResidentEditView(ServiceFormView):
    model = Resident
    permission = "stations.manage_resident"
    template_name = "stations/resident_form.html"
    form_class = ResidentForm
    success_message = gettext_lazy("The record is saved.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and user_can(request.user, self.permission):
            self.resident = resident_get_for_user(user=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.resident.is_removed:
            messages.error(request, _("This record has been removed; it cannot be changed."))
            return redirect("stations:resident_detail", pk=self.resident.pk)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {"instance": self.resident, "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(resident=self.resident, **kwargs)

    def perform(self, form):
        # A fresh copy: validating the form has already set its values on the instance.
        services.resident_update(
            actor=self.request.user,
            resident=Resident.objects.get(pk=self.resident.pk),
            data=form.service_data(),
            request=self.request,
        )
        return reverse("stations:resident_detail", kwargs={"pk": self.resident.pk})


class ResidentActionView(ResidentRecordMixin, ServiceFormView):
    """A POST from one of the record page's forms: back to the record at
    `anchor`, or the record page again with the form that failed."""

    permission = "stations.manage_resident"
    http_method_names = ["post"]
    anchor = ""

    def post(self, request, *args, **kwargs):
        self.resident = self.get_resident()
        return super().post(request, *args, **kwargs)

    def record_url(self) -> str:
        return reverse("stations:resident_detail", kwargs={"pk": self.resident.pk}) + self.anchor

    def form_invalid(self, form):
        return self.render_record(self.resident, **{self.form_context_name: form})


class ResidentStatusView(ResidentActionView):
    form_class = StatusChangeForm
    form_context_name = "status_form"
    success_message = gettext_lazy("The employment status is changed.")
    anchor = "#employment"

    def perform(self, form):
        data = form.cleaned_data
        services.resident_employment_status_change(
            actor=self.request.user,
            resident=self.resident,
            status=data["status"],
            changed_on=data["changed_on"],
            note=data["note"],
            registration_number=data["registration_number"],
            request=self.request,
        )
        return self.record_url()


class ResidentServiceView(ResidentActionView):
    permission = "stations.record_service"
    form_class = ServiceRecordForm
    form_context_name = "service_form"
    success_message = gettext_lazy("The service is recorded.")
    anchor = "#services"

    def perform(self, form):
        data = form.cleaned_data
        services.service_record_create(
            actor=self.request.user,
            resident=self.resident,
            kind=data["kind"],
            served_on=data["served_on"],
            channel=data["channel"],
            note=data["note"],
            request=self.request,
        )
        return self.record_url()


class ResidentRemoveView(ResidentActionView):
    form_class = RemovalForm
    form_context_name = "removal_form"
    success_message = gettext_lazy("The record is removed. It stays in the history and reports.")

    def perform(self, form):
        data = form.cleaned_data
        services.resident_remove(
            actor=self.request.user, resident=self.resident, reason=data["reason"], request=self.request
        )
        return self.record_url()


class ResidentTextConsentView(ResidentActionView):
    """Consent to text messages given or withdrawn (an opt-out takes effect at once)."""

    form_class = TextConsentForm
    form_context_name = "text_consent_form"
    success_message = gettext_lazy("The resident's choice about text messages is recorded.")
    anchor = "#messages"

    def perform(self, form):
        from stations.services.messaging import resident_text_consent_set

        data = form.cleaned_data
        resident_text_consent_set(
            actor=self.request.user,
            resident=self.resident,
            consent=data["consent"],
            how=data["how"],
            request=self.request,
        )
        return self.record_url()


class ResidentHouseholdView(ResidentActionView):
    """action=create starts a household, action=leave leaves it, otherwise join
    the household of the member whose ID number was typed."""

    form_class = HouseholdJoinForm
    form_context_name = "household_form"
    success_message = gettext_lazy("The household is updated.")
    anchor = "#household"
    # The service names the member; the form asks for their ID number.
    field_map = {"member": "member_id_number"}

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action in ("create", "leave"):
            self.resident = self.get_resident()
            try:
                if action == "create":
                    services.household_create(actor=request.user, resident=self.resident, request=request)
                else:
                    services.resident_household_leave(actor=request.user, resident=self.resident, request=request)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                messages.success(request, self.success_message)
            return redirect(self.record_url())
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        member = Resident.objects.visible_to(self.request.user).filter(id_number=data["member_id_number"]).first()
        if member is None:
            raise ValidationError({"member_id_number": _("No one with this ID number is registered in your area.")})
        services.resident_household_join(
            actor=self.request.user, resident=self.resident, member=member, request=self.request
        )
        return self.record_url()


class TransferListView(ServiceFormView):
    """Requests to decide (incoming) and requests made (outgoing); also takes
    a new request by POST."""

    permission = "stations.view_resident"
    template_name = "stations/resident_transfer_list.html"
    form_class = TransferRequestForm

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            incoming=transfer_request_incoming(user=user).filter(status=TransferStatus.PENDING),
            outgoing=transfer_request_outgoing(user=user)[:50],
            decided=transfer_request_incoming(user=user).exclude(status=TransferStatus.PENDING)[:20],
            decision_form=TransferDecisionForm(),
            can_manage=user_can(user, "stations.manage_resident"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        # Seeing the lists is one right, asking for a transfer another.
        if not user_can(request.user, "stations.manage_resident"):
            raise PermissionDenied("stations.manage_resident")
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        transfer = services.resident_transfer_request_create(
            actor=self.request.user,
            id_number=form.cleaned_data["id_number"],
            to_community=form.cleaned_data["to_community"],
            note=form.cleaned_data["note"],
            request=self.request,
        )
        messages.success(
            self.request,
            _("Transfer requested. %(community)s will decide; you will be notified.")
            % {"community": transfer.from_community.name},
        )
        return reverse("stations:resident_transfer_list")


class TransferDecideView(StaffRequiredMixin, View):
    model = ResidentTransferRequest
    permission = "stations.manage_resident"
    http_method_names = ["post"]

    def post(self, request, pk):
        transfer = get_visible_or_404(ResidentTransferRequest.objects, request.user, pk=pk)
        form = TransferDecisionForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        try:
            if request.POST.get("decision") == "accept":
                services.resident_transfer_request_accept(
                    actor=request.user, transfer=transfer, note=note, request=request
                )
                messages.success(
                    request,
                    _("The record is transferred to %(community)s.") % {"community": transfer.to_community.name},
                )
            else:
                services.resident_transfer_request_decline(
                    actor=request.user, transfer=transfer, note=note, request=request
                )
                messages.success(request, _("The transfer is declined."))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect("stations:resident_transfer_list")


class FourClearsSummaryView(StaffRequiredMixin, TemplateView):
    permission = "stations.view_resident"
    template_name = "stations/resident_four_clears.html"

    def get_context_data(self, **kwargs):
        rows = list(four_clears_summary(user=self.request.user))
        totals = {
            key: sum(getattr(r, key) for r in rows)
            for key in (
                "residents_total",
                "complete",
                "clear_basic",
                "clear_skill",
                "clear_training",
                "clear_direction",
            )
        }
        return super().get_context_data(rows=rows, totals=totals, **kwargs)


urlpatterns = [
    path("residents/", ResidentListView.as_view(), name="resident_list"),
    path("residents/search/", ResidentSearchView.as_view(), name="resident_search"),
    path("residents/new/", ResidentCreateView.as_view(), name="resident_create"),
    path("residents/four-clears/", FourClearsSummaryView.as_view(), name="resident_four_clears"),
    path("residents/transfers/", TransferListView.as_view(), name="resident_transfer_list"),
    path("residents/transfers/<int:pk>/decide/", TransferDecideView.as_view(), name="resident_transfer_decide"),
    path("residents/<int:pk>/", ResidentDetailView.as_view(), name="resident_detail"),
    path("residents/<int:pk>/edit/", ResidentEditView.as_view(), name="resident_edit"),
    path("residents/<int:pk>/status/", ResidentStatusView.as_view(), name="resident_status"),
    path("residents/<int:pk>/service/", ResidentServiceView.as_view(), name="resident_service"),
    path("residents/<int:pk>/household/", ResidentHouseholdView.as_view(), name="resident_household"),
    path("residents/<int:pk>/remove/", ResidentRemoveView.as_view(), name="resident_remove"),
    path("residents/<int:pk>/text-consent/", ResidentTextConsentView.as_view(), name="resident_text_consent"),
]
