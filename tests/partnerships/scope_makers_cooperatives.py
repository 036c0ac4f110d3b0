"""Scope makers: cooperatives (organisations, members, projects, placements)."""

from partnerships.models import CooperativeMember, LabourOrganisation, LabourProject, ProjectPlacement
from stations.models import Role
from tests.factories import ResidentFactory, UserFactory
from tests.factories.partnerships_cooperatives import (
    CooperativeMemberFactory,
    LabourOrganisationFactory,
    LabourProjectFactory,
    ProjectPlacementFactory,
)
from tests.scope.registry import SENTINEL, register


@register(LabourOrganisation)
def make_labour_organisation(community):
    return LabourOrganisationFactory(community=community, name=f"{SENTINEL} cooperative")


@register(CooperativeMember)
def make_cooperative_member(community):
    organisation = LabourOrganisationFactory(community=community, name=f"{SENTINEL} member's cooperative")
    return CooperativeMemberFactory(
        organisation=organisation, resident=ResidentFactory(community=community, name=f"{SENTINEL} member")
    )


@register(LabourProject)
def make_labour_project(community):
    organisation = LabourOrganisationFactory(community=community, name=f"{SENTINEL} project's cooperative")
    return LabourProjectFactory(organisation=organisation, title=f"{SENTINEL} project")


@register(ProjectPlacement)
def make_project_placement(community):
    organisation = LabourOrganisationFactory(community=community, name=f"{SENTINEL} placement's cooperative")
    project = LabourProjectFactory(organisation=organisation, title=f"{SENTINEL} placement's project")
    return ProjectPlacementFactory(
        project=project,
        resident=ResidentFactory(community=community, name=f"{SENTINEL} placed"),
        # A bureau account: it brings no community of its own into the test.
        recorded_by=UserFactory(role=Role.CITY_BUREAU, community=None),
    )
