"""Project placements: the list, ending one, and a resident's placements
(linked from the resident's record as an action)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from stations.models import Resident
from stations.selectors import resident_get_for_user
from stations.views.mixins import StaffRequiredMixin
from stations.views.service_form import ServiceFormView

from ...forms.cooperatives import (
    PlacementEndForm,
)
from ...models import (
    ProjectPlacement,
)
from ...selectors import cooperatives as selectors
from ...selectors.common import community_choices
from ...services.cooperatives import placements
from .common import MANAGE, PAGE_SIZE, VIEW, may_see_hardship, query_string


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
        sees_sensitive = may_see_hardship(user)
        priorities = [("any", _("Any priority group")), ("older_worker", _("Older workers"))]
        if sees_sensitive:
            priorities += [("hard_to_employ", _("Hard to employ")), ("low_income", _("Low income"))]
        return super().get_context_data(
            page=page,
            filters=filters,
            query_string=query_string(filters),
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
            sees_sensitive=may_see_hardship(user),
            **kwargs,
        )


urlpatterns = [
    path("project-placements/", PlacementListView.as_view(), name="project_placement_list"),
    path("project-placements/<int:pk>/end/", PlacementEndView.as_view(), name="project_placement_end"),
    path("residents/<int:resident_pk>/projects/", ResidentPlacementsView.as_view(), name="resident_project_placements"),
]
