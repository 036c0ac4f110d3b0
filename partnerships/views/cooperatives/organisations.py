"""HR agencies and labour cooperatives, and their members."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from stations.permissions import user_can
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView

from ...forms.cooperatives import (
    PICKER_FIELDS,
    MemberAddForm,
    MemberLeaveForm,
    OrganisationForm,
)
from ...models import (
    CooperativeMember,
    LabourOrganisation,
    OrganisationKind,
)
from ...selectors import cooperatives as selectors
from ...selectors.common import community_choices
from ...services.cooperatives import organisations
from .common import MANAGE, PAGE_SIZE, VIEW, SaveFormView, query_string


class OrganisationListView(StaffRequiredMixin, TemplateView):
    permission = VIEW
    template_name = "partnerships/cooperatives_organisation_list.html"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        filters = {name: params.get(name, "").strip() for name in ("kind", "community", "active", "q")}
        qs = selectors.labour_organisation_list(user=self.request.user, filters=filters)
        page = Paginator(qs, PAGE_SIZE).get_page(params.get("page"))
        return super().get_context_data(
            page=page,
            filters=filters,
            query_string=query_string(filters),
            kinds=OrganisationKind.choices,
            communities=community_choices(user=self.request.user),
            can_manage=user_can(self.request.user, MANAGE),
            **kwargs,
        )


class OrganisationFormView(SaveFormView):
    """Create (no pk) or edit an organisation."""

    template_name = "partnerships/cooperatives_organisation_form.html"
    model = LabourOrganisation
    form_class = OrganisationForm
    detail_url_name = "partnerships:organisation_detail"

    def record_get(self, pk):
        return selectors.labour_organisation_get(user=self.request.user, pk=pk)

    def save(self, organisation):
        organisations.labour_organisation_save(actor=self.request.user, organisation=organisation, request=self.request)
        return _("Saved: %(name)s") % {"name": organisation.name}


class OrganisationDetailView(StaffRequiredMixin, TemplateView):
    permission = VIEW
    template_name = "partnerships/cooperatives_organisation_detail.html"
    model = LabourOrganisation

    def get_context_data(self, **kwargs):
        user = self.request.user
        organisation = selectors.labour_organisation_get(user=user, pk=self.kwargs["pk"])
        members = list(selectors.cooperative_member_list(user=user, organisation=organisation))
        return super().get_context_data(
            organisation=organisation,
            current_members=[m for m in members if m.left_on is None],
            past_members=[m for m in members if m.left_on is not None],
            projects=selectors.labour_project_list(user=user, filters={"organisation": organisation.pk}),
            can_manage=user_can(user, MANAGE),
            leave_form=MemberLeaveForm(),
            **kwargs,
        )


class MemberAddView(ServiceFormView):
    permission = MANAGE
    template_name = "partnerships/cooperatives_member_form.html"
    model = LabourOrganisation
    form_class = MemberAddForm
    field_map = PICKER_FIELDS

    def load(self):
        self.organisation = selectors.labour_organisation_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation=self.organisation, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        if data["resident"] is None:
            # The finder box matched no one yet: the page again, to choose.
            return self.form_invalid(form)
        member = organisations.cooperative_member_add(
            actor=self.request.user,
            organisation=self.organisation,
            resident=data["resident"],
            joined_on=data["joined_on"],
            skills=data["skills"],
            request=self.request,
        )
        messages.success(
            self.request,
            _("%(name)s joined %(organisation)s.")
            % {"name": member.resident.name, "organisation": self.organisation.name},
        )
        name = (
            "partnerships:organisation_member_add"
            if "another" in self.request.POST
            else "partnerships:organisation_detail"
        )
        return reverse(name, kwargs={"pk": self.organisation.pk})


class MemberLeaveView(ServiceFormView):
    """Record that a member left (posted from the organisation page)."""

    permission = MANAGE
    template_name = "partnerships/cooperatives_member_leave.html"
    model = CooperativeMember
    form_class = MemberLeaveForm

    def load(self):
        self.member = selectors.cooperative_member_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(member=self.member, **kwargs)

    def perform(self, form):
        organisations.cooperative_member_leave(
            actor=self.request.user, member=self.member, left_on=form.cleaned_data["left_on"], request=self.request
        )
        messages.success(self.request, _("%(name)s has left.") % {"name": self.member.resident.name})
        return reverse("partnerships:organisation_detail", kwargs={"pk": self.member.organisation_id})


urlpatterns = [
    path("organisations/", OrganisationListView.as_view(), name="organisation_list"),
    path("organisations/new/", OrganisationFormView.as_view(), name="organisation_create"),
    path("organisations/<int:pk>/", OrganisationDetailView.as_view(), name="organisation_detail"),
    path("organisations/<int:pk>/edit/", OrganisationFormView.as_view(), name="organisation_edit"),
    path("organisations/<int:pk>/members/add/", MemberAddView.as_view(), name="organisation_member_add"),
    path("organisation-members/<int:pk>/leave/", MemberLeaveView.as_view(), name="organisation_member_leave"),
]
