"""Staff pages of the partner network: partners, joint meetings, commitments."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from jobs import selectors as jobs_selectors
from stations.params import pk_text
from stations.permissions import user_can
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
from ..selectors.common import community_choices
from ..services.network import commitments, meetings, partners

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
    return user_can(user, "partnerships.manage_network") and selectors.partner_led_in_scope(user=user, partner=partner)


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
            communities=community_choices(user=user),
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
            self.partner = selectors.partner_get(user=self.request.user, pk=self.kwargs["pk"])
            if not _may_edit(self.request.user, self.partner):
                raise PermissionDenied("only the lead community edits a shared partner")

    def get_form_kwargs(self):
        # A fresh copy: validating the form sets its values on the instance, and the page shows the stored one.
        instance = selectors.partner_get(user=self.request.user, pk=self.partner.pk) if self.partner else None
        return {"user": self.request.user, "instance": instance}

    def get_context_data(self, **kwargs):
        return super().get_context_data(partner=self.partner, **kwargs)

    def perform(self, form):
        partner = form.save(commit=False)
        partners.partner_save(
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
        self.partner = selectors.partner_get(user=self.request.user, pk=self.kwargs["pk"])

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
        partners.partner_end(
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
            communities=community_choices(user=user),
            can_manage=user_can(user, "partnerships.manage_network"),
            **kwargs,
        )


class MeetingCreateView(ServiceFormView):
    """A joint meeting with the commitments made at it (rows of a formset)."""

    permission = "partnerships.manage_network"
    template_name = "partnerships/network_meeting_form.html"
    form_class = MeetingForm
    formset_class = CommitmentFormSet
    formset_context_name = "commitment_formset"

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_formset_kwargs(self):
        return {"user": self.request.user, "prefix": "commitments"}

    def perform(self, form):
        meeting = form.save(commit=False)
        commitments = [Commitment(**f.cleaned_data) for f in self.formset.filled_forms()]
        meetings.meeting_record(
            actor=self.request.user,
            meeting=meeting,
            partners=list(form.cleaned_data["partners"]),
            staff=list(form.cleaned_data["staff"]),
            commitments=commitments,
            request=self.request,
        )
        messages.success(self.request, _("Meeting recorded with %(n)d commitment(s).") % {"n": len(commitments)})
        return reverse("partnerships:meeting_detail", kwargs={"pk": meeting.pk})


class MeetingDetailView(StaffRequiredMixin, TemplateView):
    permission = "partnerships.view"
    template_name = "partnerships/network_meeting_detail.html"
    model = JointMeeting

    def get_context_data(self, **kwargs):
        user = self.request.user
        meeting = selectors.meeting_get(user=user, pk=self.kwargs["pk"])
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
            communities=community_choices(user=user),
            **kwargs,
        )


class CommitmentDetailView(ServiceFormView):
    """A commitment with its progress; staff who manage the network link
    postings to it or close it, each a form of its own posted with `action`."""

    permission = "partnerships.view"
    template_name = "partnerships/network_commitment_detail.html"
    model = Commitment
    forms = {"link": (LinkPostingsForm, "link_form"), "close": (CloseCommitmentForm, "close_form")}

    def load(self):
        self.commitment = selectors.commitment_get(user=self.request.user, pk=self.kwargs["pk"])

    def _action(self) -> str:
        action = self.request.POST.get("action", "") if self.request.method == "POST" else ""
        return action if action in self.forms else "close"

    def get_form_class(self):
        return self.forms[self._action()][0]

    def get_form_context_name(self):
        return self.forms[self._action()][1]

    def _link_choices(self):
        # The newest few hundred are enough to choose from and keep the page light.
        pks = list(
            commitments.linkable_postings(actor=self.request.user, commitment=self.commitment)
            .exclude(pk__in=self.commitment.postings.values("pk"))
            .order_by("-published_at", "-pk")
            .values_list("pk", flat=True)[:300]
        )
        return jobs_selectors.postings_by_pk(pks=pks)

    def get_form_kwargs(self):
        return {"postings": self._link_choices()} if self.get_form_class() is LinkPostingsForm else {}

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") not in self.forms:
            self.load()
            return redirect("partnerships:commitment_detail", pk=self.commitment.pk)
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        user, commitment = self.request.user, self.commitment
        if isinstance(form, LinkPostingsForm):
            updated = commitments.commitment_link_postings(
                actor=user, commitment=commitment, postings=list(form.cleaned_data["postings"]), request=self.request
            )
            if updated.status == "done":
                messages.success(self.request, _("Postings linked. Their hires reach the posts promised: done."))
            else:
                messages.success(self.request, _("Postings linked."))
        else:
            commitments.commitment_close(
                actor=user,
                commitment=commitment,
                status=form.cleaned_data["status"],
                closed_on=form.cleaned_data["closed_on"],
                note=form.cleaned_data["note"],
                request=self.request,
            )
            messages.success(self.request, _("Commitment closed."))
        return reverse("partnerships:commitment_detail", kwargs={"pk": commitment.pk})

    def get_context_data(self, **kwargs):
        user = self.request.user
        commitment = self.commitment
        progress = selectors.commitment_progress(user=user, commitment=commitment)
        if "link_form" not in kwargs:
            kwargs["link_form"] = LinkPostingsForm(postings=self._link_choices())
        kwargs.setdefault("close_form", CloseCommitmentForm())
        return super().get_context_data(
            commitment=commitment,
            postings=progress.postings,
            hires=progress.hires,
            hire_count=progress.hire_count,
            hires_not_listed=progress.hires_not_listed,
            can_manage=user_can(user, "partnerships.manage_network"),
            **kwargs,
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
