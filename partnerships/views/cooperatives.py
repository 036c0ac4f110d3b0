"""Staff pages of HR agencies and labour cooperatives (T10): organisations with
their members, labour projects with the residents placed on them, and each
resident's project placements. Reads through the selectors, writes through
the services; out-of-scope records answer 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.generic import TemplateView

from stations.models import Resident
from stations.params import parse_pk
from stations.permissions import user_can
from stations.selectors import resident_get_for_user
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView

from ..forms.cooperatives import (
    PICKER_FIELDS,
    MemberAddForm,
    MemberLeaveForm,
    OrganisationForm,
    PlacementEndForm,
    PlacementForm,
    ProjectForm,
)
from ..models import (
    CooperativeMember,
    LabourOrganisation,
    LabourProject,
    OrganisationKind,
    ProjectKind,
    ProjectPlacement,
)
from ..selectors import cooperatives as selectors
from ..selectors.common import community_choices
from ..services.cooperatives import organisations, placements, projects

VIEW = "partnerships.view"
MANAGE = "partnerships.manage_cooperatives"
PAGE_SIZE = 50


def _query_string(filters: dict) -> str:
    return urlencode({k: v for k, v in filters.items() if v})


def _sees_sensitive(user) -> bool:
    # Hardship groups are shown only to staff who work residents' records,
    # as on the resident page; others see that a person has priority, not why.
    return user_can(user, "stations.manage_resident")


# --- organisations -----------------------------------------------------------------
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
            query_string=_query_string(filters),
            kinds=OrganisationKind.choices,
            communities=community_choices(user=self.request.user),
            can_manage=user_can(self.request.user, MANAGE),
            **kwargs,
        )


class _SaveFormView(ServiceFormView):
    """Create (no pk) or edit (pk, in scope) one record through its service."""

    permission = MANAGE
    detail_url_name = ""

    def record_get(self, pk):
        """The record being edited, through its selector (404 out of scope)."""
        raise NotImplementedError

    def load(self):
        self.instance = self.model()
        if "pk" in self.kwargs:
            self.instance = self.record_get(self.kwargs["pk"])

    def get_form_kwargs(self):
        return {"instance": self.instance, "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(instance=self.instance, **kwargs)

    def save(self, obj) -> str:
        """Save through the service; return the message saying so."""
        raise NotImplementedError

    def perform(self, form):
        obj = form.save(commit=False)
        messages.success(self.request, self.save(obj))
        return reverse(self.detail_url_name, kwargs={"pk": obj.pk})


class OrganisationFormView(_SaveFormView):
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


# --- projects ----------------------------------------------------------------------
class ProjectListView(StaffRequiredMixin, TemplateView):
    permission = VIEW
    template_name = "partnerships/cooperatives_project_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        params = self.request.GET
        filters = {name: params.get(name, "").strip() for name in ("kind", "organisation", "community", "state", "q")}
        page = Paginator(selectors.labour_project_list(user=user, filters=filters), PAGE_SIZE).get_page(
            params.get("page")
        )
        return super().get_context_data(
            page=page,
            filters=filters,
            query_string=_query_string(filters),
            kinds=ProjectKind.choices,
            states=[
                ("upcoming", _("Not started")),
                ("running", pgettext("project", "Running")),
                ("finished", _("Finished")),
            ],
            organisations=selectors.labour_organisation_choices(user=user),
            communities=community_choices(user=user),
            can_manage=user_can(user, MANAGE),
            **kwargs,
        )


class ProjectFormView(_SaveFormView):
    """Create (no pk; `?organisation=` preselects) or edit a project."""

    template_name = "partnerships/cooperatives_project_form.html"
    model = LabourProject
    form_class = ProjectForm
    detail_url_name = "partnerships:project_detail"

    def record_get(self, pk):
        return selectors.labour_project_get(user=self.request.user, pk=pk)

    def get_initial(self):
        if self.instance.pk is None and (organisation := parse_pk(self.request.GET.get("organisation"))):
            return {"organisation": organisation}
        return {}

    def save(self, project):
        projects.labour_project_save(actor=self.request.user, project=project, request=self.request)
        return _("Saved: %(title)s") % {"title": project.title}


class ProjectDetailView(ServiceFormView):
    """The project, the residents working on it, and (for staff who manage
    cooperatives) the candidates to place, priority groups first; staff who
    manage cooperatives place a resident from here."""

    permission = VIEW
    template_name = "partnerships/cooperatives_project_detail.html"
    model = LabourProject
    form_class = PlacementForm
    field_map = PICKER_FIELDS

    def load(self):
        self.project = selectors.labour_project_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {"user": self.request.user, "project": self.project}

    def post(self, request, *args, **kwargs):
        if not user_can(request.user, MANAGE):
            raise PermissionDenied(MANAGE)
        if "search" in request.POST:
            # The search button only narrows the candidates; nothing is saved.
            self.load()
            form = self.get_form(request.POST)
            form.is_valid()
            form.errors.clear()
            return self.render_to_response(self.get_context_data(form=form))
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        if data["resident"] is None:
            # The finder box matched no one yet: the page again, to choose.
            return self.form_invalid(form)
        placement = placements.project_placement_create(
            actor=self.request.user,
            project=self.project,
            resident=data["resident"],
            started_on=data["started_on"],
            post=data["post"],
            employment_status=data["employment_status"],
            request=self.request,
        )
        messages.success(
            self.request,
            _("%(name)s placed on %(project)s from %(date)s; the employment history shows it.")
            % {
                "name": placement.resident.name,
                "project": self.project.title,
                "date": placement.started_on.isoformat(),
            },
        )
        return reverse("partnerships:project_detail", kwargs={"pk": self.project.pk})

    def get_context_data(self, **kwargs):
        user = self.request.user
        project = self.project
        form = kwargs.get("form") or self.get_form()
        find = self.request.POST.get("find", "") if self.request.method == "POST" else ""
        placements = list(
            selectors.project_placement_list(user=user, filters={"project": project.pk}).order_by(
                "ended_on", "-started_on", "pk"
            )
        )
        working = [p for p in placements if p.ended_on is None]
        can_manage = user_can(user, MANAGE)
        candidates = []
        if can_manage and len(working) < project.posts:
            candidates = selectors.project_candidates(user=user, project=project, find=find)
        return super().get_context_data(
            project=project,
            working=working,
            ended=[p for p in placements if p.ended_on is not None],
            open_posts=max(project.posts - len(working), 0),
            candidates=candidates,
            matches=[m for m in getattr(form, "matches", []) if m.pk not in {c.pk for c in candidates}],
            chosen=form.chosen_pk(),
            find=find,
            form=form,
            end_form=PlacementEndForm(),
            can_manage=can_manage,
            sees_sensitive=_sees_sensitive(user),
            **{k: v for k, v in kwargs.items() if k != "form"},
        )


# --- placements --------------------------------------------------------------------
class PlacementListView(StaffRequiredMixin, TemplateView):
    permission = VIEW
    template_name = "partnerships/cooperatives_placement_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        params = self.request.GET
        names = ("community", "organisation", "project", "open", "priority", "started_from", "started_to")
        filters = {name: params.get(name, "").strip() for name in names}
        page = Paginator(selectors.project_placement_list(user=user, filters=filters), PAGE_SIZE).get_page(
            params.get("page")
        )
        sees_sensitive = _sees_sensitive(user)
        priorities = [("any", _("Any priority group")), ("older_worker", _("Older workers"))]
        if sees_sensitive:
            priorities += [("hard_to_employ", _("Hard to employ")), ("low_income", _("Low income"))]
        return super().get_context_data(
            page=page,
            filters=filters,
            query_string=_query_string(filters),
            communities=community_choices(user=user),
            priorities=priorities,
            sees_sensitive=sees_sensitive,
            **kwargs,
        )


class PlacementEndView(ServiceFormView):
    permission = MANAGE
    template_name = "partnerships/cooperatives_placement_end.html"
    model = ProjectPlacement
    form_class = PlacementEndForm

    def load(self):
        self.placement = selectors.project_placement_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(placement=self.placement, **kwargs)

    def perform(self, form):
        placement = self.placement
        placements.project_placement_end(
            actor=self.request.user,
            placement=placement,
            ended_on=form.cleaned_data["ended_on"],
            resident_out_of_work=form.cleaned_data["resident_out_of_work"],
            request=self.request,
        )
        messages.success(
            self.request,
            _("%(name)s's work on %(project)s ended.")
            % {"name": placement.resident.name, "project": placement.project.title},
        )
        return reverse("partnerships:project_detail", kwargs={"pk": placement.project_id})


class ResidentPlacementsView(StaffRequiredMixin, TemplateView):
    """A resident's memberships and project placements (linked from the
    resident's record as an action)."""

    permission = VIEW
    template_name = "partnerships/cooperatives_resident_placements.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        resident: Resident = resident_get_for_user(user=user, pk=self.kwargs["resident_pk"])
        return super().get_context_data(
            resident=resident,
            placements=selectors.resident_project_placements(user=user, resident=resident),
            memberships=selectors.resident_memberships(user=user, resident=resident),
            sees_sensitive=_sees_sensitive(user),
            **kwargs,
        )


urlpatterns = [
    path("organisations/", OrganisationListView.as_view(), name="organisation_list"),
    path("organisations/new/", OrganisationFormView.as_view(), name="organisation_create"),
    path("organisations/<int:pk>/", OrganisationDetailView.as_view(), name="organisation_detail"),
    path("organisations/<int:pk>/edit/", OrganisationFormView.as_view(), name="organisation_edit"),
    path("organisations/<int:pk>/members/add/", MemberAddView.as_view(), name="organisation_member_add"),
    path("organisation-members/<int:pk>/leave/", MemberLeaveView.as_view(), name="organisation_member_leave"),
    path("projects/", ProjectListView.as_view(), name="project_list"),
    path("projects/new/", ProjectFormView.as_view(), name="project_create"),
    path("projects/<int:pk>/", ProjectDetailView.as_view(), name="project_detail"),
    path("projects/<int:pk>/edit/", ProjectFormView.as_view(), name="project_edit"),
    path("project-placements/", PlacementListView.as_view(), name="project_placement_list"),
    path("project-placements/<int:pk>/end/", PlacementEndView.as_view(), name="project_placement_end"),
    path("residents/<int:resident_pk>/projects/", ResidentPlacementsView.as_view(), name="resident_project_placements"),
]
