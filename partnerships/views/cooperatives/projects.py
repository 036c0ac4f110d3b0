"""Labour projects, with the residents placed on them and the form to place one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.generic import TemplateView

from stations.params import parse_pk
from stations.permissions import user_can
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView

from ...forms.cooperatives import (
    PICKER_FIELDS,
    PlacementEndForm,
    PlacementForm,
    ProjectForm,
)
from ...models import (
    LabourProject,
    ProjectKind,
)
from ...selectors import cooperatives as selectors
from ...selectors.common import community_choices
from ...services.cooperatives import placements, projects
from .common import MANAGE, PAGE_SIZE, VIEW, SaveFormView, may_see_hardship, query_string


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
            query_string=query_string(filters),
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


class ProjectFormView(SaveFormView):
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
            sees_sensitive=may_see_hardship(user),
            **{k: v for k, v in kwargs.items() if k != "form"},
        )


urlpatterns = [
    path("projects/", ProjectListView.as_view(), name="project_list"),
    path("projects/new/", ProjectFormView.as_view(), name="project_create"),
    path("projects/<int:pk>/", ProjectDetailView.as_view(), name="project_detail"),
    path("projects/<int:pk>/edit/", ProjectFormView.as_view(), name="project_edit"),
]
