"""Staff pages of the partner network: partners, joint meetings, commitments."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from jobs import selectors as jobs_selectors
from stations.forms.errors import add_service_errors
from stations.models import Community
from stations.params import pk_text
from stations.permissions import user_can
from stations.scoping import get_visible_or_404
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView

from ..forms.network import (
    CloseCommitmentForm,
    CommitmentFormSet,
    LinkPostingsForm,
    MeetingForm,
    PartnerEndForm,
    PartnerForm,
)
from ..models import Commitment, CommitmentKind, JointMeeting, Partner, PartnerKind
from ..selectors import network as selectors
from ..services import network as services

PER_PAGE = 50


def _page(request, qs):
    return Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _may_edit(user, partner: Partner) -> bool:
    """Neighbours sharing a partner read it; only the lead community (or an
    officer above it) edits it."""
    return (
        user_can(user, "partnerships.manage_network")
        and Community.objects.visible_to(user).filter(pk=partner.community_id).exists()
    )


class PartnerListView(StaffRequiredMixin, TemplateView):
    permission = "partnerships.view"
    template_name = "partnerships/network_partner_list.html"

    def get_context_data(self, **kwargs):
        get = self.request.GET
        filters = {key: get.get(key, "").strip() for key in ("kind", "offers", "state", "q")}
        filters["community"] = pk_text(get.get("community"))
        user = self.request.user
        return super().get_context_data(
            page=_page(self.request, selectors.partner_list(user=user, filters=filters)),
            filters=filters,
            query=_query_without_page(self.request),
            kinds=PartnerKind.choices,
            offers=selectors.OFFER_CHOICES,
            communities=Community.objects.visible_to(user).order_by("code"),
            can_manage=user_can(user, "partnerships.manage_network"),
            **kwargs,
        )


class PartnerFormView(ServiceFormView):
    permission = "partnerships.manage_network"
    template_name = "partnerships/network_partner_form.html"
    form_class = PartnerForm
    model = Partner
    field_map = {"communities": "shared_with"}

    def load(self):
        self.partner = None
        if "pk" in self.kwargs:
            self.partner = get_visible_or_404(
                Partner.objects.select_related("service_point"), self.request.user, pk=self.kwargs["pk"]
            )
            if not _may_edit(self.request.user, self.partner):
                raise PermissionDenied("only the lead community edits a shared partner")

    def get_form_kwargs(self):
        # A fresh copy: validating the form sets its values on the instance, and the page shows the stored one.
        instance = Partner.objects.get(pk=self.partner.pk) if self.partner else None
        return {"user": self.request.user, "instance": instance}

    def get_context_data(self, **kwargs):
        return super().get_context_data(partner=self.partner, **kwargs)

    def perform(self, form):
        partner = form.save(commit=False)
        services.partner_save(
            actor=self.request.user,
            partner=partner,
            communities=list(form.cleaned_data["shared_with"]),
            hosts_service_point=form.cleaned_data["hosts_service_point"],
            request=self.request,
        )
        messages.success(self.request, _("Partner saved: %(name)s") % {"name": partner.name})
        return reverse("partnerships:partner_detail", kwargs={"pk": partner.pk})


class PartnerDetailView(ServiceFormView):
    """A partner with its meetings and commitments; takes the end of the partnership by POST."""

    permission = "partnerships.view"
    template_name = "partnerships/network_partner_detail.html"
    model = Partner
    form_class = PartnerEndForm
    form_context_name = "end_form"
    success_message = gettext_lazy("The partnership has been ended.")

    def load(self):
        self.partner = self.get_partner()

    def get_partner(self):
        return get_visible_or_404(
            Partner.objects.select_related("community", "service_point", "employer").prefetch_related("communities"),
            self.request.user,
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        user = self.request.user
        partner = self.partner
        return super().get_context_data(
            partner=partner,
            meetings=selectors.partner_meetings(user=user, partner=partner)[:100],
            commitments=selectors.partner_commitments(user=user, partner=partner)[:100],
            can_manage=user_can(user, "partnerships.manage_network"),
            can_edit=_may_edit(user, partner),
            **kwargs,
        )

    def perform(self, form):
        services.partner_end(
            actor=self.request.user, partner=self.partner, ended_on=form.cleaned_data["ended_on"], request=self.request
        )
        return reverse("partnerships:partner_detail", kwargs={"pk": self.partner.pk})


class MeetingListView(StaffRequiredMixin, TemplateView):
    permission = "partnerships.view"
    template_name = "partnerships/network_meeting_list.html"

    def get_context_data(self, **kwargs):
        get = self.request.GET
        filters = {key: get.get(key, "").strip() for key in ("community", "date_from", "date_to", "q")}
        for key in ("date_from", "date_to"):
            try:
                filters[key] = timezone.datetime.fromisoformat(filters[key]).date() if filters[key] else ""
            except ValueError:
                filters[key] = ""
        filters["community"] = pk_text(filters["community"])
        user = self.request.user
        return super().get_context_data(
            page=_page(self.request, selectors.meeting_list(user=user, filters=filters)),
            filters=filters,
            query=_query_without_page(self.request),
            communities=Community.objects.visible_to(user).order_by("code"),
            can_manage=user_can(user, "partnerships.manage_network"),
            **kwargs,
        )


class MeetingCreateView(StaffRequiredMixin, TemplateView):
    permission = "partnerships.manage_network"
    template_name = "partnerships/network_meeting_form.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        kwargs.setdefault("form", MeetingForm(user=user))
        kwargs.setdefault("commitment_formset", CommitmentFormSet(user=user, prefix="commitments"))
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        user = request.user
        form = MeetingForm(request.POST, user=user)
        formset = CommitmentFormSet(request.POST, user=user, prefix="commitments")
        forms_ok = form.is_valid()
        rows_ok = all(f.is_valid() for f in formset.forms if f.has_changed()) and formset.is_valid()
        if forms_ok and rows_ok:
            meeting = form.save(commit=False)
            commitments = [Commitment(**f.cleaned_data) for f in formset.filled_forms()]
            try:
                services.meeting_record(
                    actor=user,
                    meeting=meeting,
                    partners=list(form.cleaned_data["partners"]),
                    staff=list(form.cleaned_data["staff"]),
                    commitments=commitments,
                    request=request,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Meeting recorded with %(n)d commitment(s).") % {"n": len(commitments)},
                )
                return redirect("partnerships:meeting_detail", pk=meeting.pk)
        return self.render_to_response(self.get_context_data(form=form, commitment_formset=formset))


class MeetingDetailView(StaffRequiredMixin, TemplateView):
    permission = "partnerships.view"
    template_name = "partnerships/network_meeting_detail.html"
    model = JointMeeting

    def get_context_data(self, **kwargs):
        user = self.request.user
        meeting = get_visible_or_404(
            JointMeeting.objects.select_related("community", "recorded_by").prefetch_related("partners", "staff"),
            user,
            pk=self.kwargs["pk"],
        )
        return super().get_context_data(
            meeting=meeting,
            commitments=selectors.commitment_list(user=user, filters={"meeting": meeting.pk}),
            can_manage=user_can(user, "partnerships.manage_network"),
            **kwargs,
        )


class CommitmentListView(StaffRequiredMixin, TemplateView):
    permission = "partnerships.view"
    template_name = "partnerships/network_commitment_list.html"

    def get_context_data(self, **kwargs):
        get = self.request.GET
        filters = {key: get.get(key, "").strip() for key in ("state", "kind", "community", "partner", "q")}
        for key in ("community", "partner"):
            filters[key] = pk_text(filters[key])
        user = self.request.user
        return super().get_context_data(
            page=_page(self.request, selectors.commitment_list(user=user, filters=filters)),
            filters=filters,
            query=_query_without_page(self.request),
            states=selectors.CommitmentState.choices,
            kinds=CommitmentKind.choices,
            communities=Community.objects.visible_to(user).order_by("code"),
            **kwargs,
        )


class CommitmentDetailView(StaffRequiredMixin, TemplateView):
    permission = "partnerships.view"
    template_name = "partnerships/network_commitment_detail.html"
    model = Commitment

    def get_commitment(self):
        return get_visible_or_404(
            selectors.with_state(Commitment.objects.select_related("partner__employer", "meeting__community")),
            self.request.user,
            pk=self.kwargs["pk"],
        )

    def _link_form(self, commitment, data=None):
        # The newest few hundred are enough to choose from and keep the page light.
        pks = list(
            services.linkable_postings(actor=self.request.user, commitment=commitment)
            .exclude(pk__in=commitment.postings.values("pk"))
            .order_by("-published_at", "-pk")
            .values_list("pk", flat=True)[:300]
        )
        return LinkPostingsForm(data, postings=jobs_selectors.postings_by_pk(pks=pks))

    def get_context_data(self, **kwargs):
        user = self.request.user
        commitment = kwargs.pop("commitment", None) or self.get_commitment()
        progress = selectors.commitment_progress(user=user, commitment=commitment)
        return super().get_context_data(
            commitment=commitment,
            postings=progress.postings,
            hires=progress.hires,
            hire_count=progress.hire_count,
            hires_not_listed=progress.hires_not_listed,
            link_form=kwargs.pop("link_form", None) or self._link_form(commitment),
            close_form=kwargs.pop("close_form", None) or CloseCommitmentForm(),
            can_manage=user_can(user, "partnerships.manage_network"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        commitment = self.get_commitment()
        action = request.POST.get("action")
        link_form = close_form = None
        if action == "link":
            link_form = self._link_form(commitment, request.POST)
            if link_form.is_valid():
                try:
                    updated = services.commitment_link_postings(
                        actor=request.user,
                        commitment=commitment,
                        postings=list(link_form.cleaned_data["postings"]),
                        request=request,
                    )
                except ValidationError as exc:
                    add_service_errors(link_form, exc)
                else:
                    if updated.status == "done":
                        messages.success(request, _("Postings linked. Their hires reach the posts promised: done."))
                    else:
                        messages.success(request, _("Postings linked."))
                    return redirect("partnerships:commitment_detail", pk=commitment.pk)
        elif action == "close":
            close_form = CloseCommitmentForm(request.POST)
            if close_form.is_valid():
                try:
                    services.commitment_close(
                        actor=request.user,
                        commitment=commitment,
                        status=close_form.cleaned_data["status"],
                        closed_on=close_form.cleaned_data["closed_on"],
                        note=close_form.cleaned_data["note"],
                        request=request,
                    )
                except ValidationError as exc:
                    add_service_errors(close_form, exc)
                else:
                    messages.success(request, _("Commitment closed."))
                    return redirect("partnerships:commitment_detail", pk=commitment.pk)
        else:
            return redirect("partnerships:commitment_detail", pk=commitment.pk)
        return self.render_to_response(
            self.get_context_data(commitment=commitment, link_form=link_form, close_form=close_form)
        )


urlpatterns = [
    path("partners/", PartnerListView.as_view(), name="partner_list"),
    path("partners/new/", PartnerFormView.as_view(), name="partner_create"),
    path("partners/<int:pk>/", PartnerDetailView.as_view(), name="partner_detail"),
    path("partners/<int:pk>/edit/", PartnerFormView.as_view(), name="partner_edit"),
    path("meetings/", MeetingListView.as_view(), name="meeting_list"),
    path("meetings/new/", MeetingCreateView.as_view(), name="meeting_create"),
    path("meetings/<int:pk>/", MeetingDetailView.as_view(), name="meeting_detail"),
    path("commitments/", CommitmentListView.as_view(), name="commitment_list"),
    path("commitments/<int:pk>/", CommitmentDetailView.as_view(), name="commitment_detail"),
]
