"""One record of the cooperatives area through its selector: in scope it is
returned, out of scope and missing answer 404 alike."""

import pytest

from partnerships.selectors import cooperatives as selectors
from tests.factories.partnerships_cooperatives import (
    CooperativeMemberFactory,
    LabourOrganisationFactory,
    LabourProjectFactory,
    ProjectPlacementFactory,
)
from tests.partnerships.selectors.scope_checks import scope_test

pytestmark = pytest.mark.django_db

GETS = [
    (selectors.labour_organisation_get, lambda c: LabourOrganisationFactory(community=c)),
    (selectors.cooperative_member_get, lambda c: CooperativeMemberFactory(organisation__community=c)),
    (selectors.labour_project_get, lambda c: LabourProjectFactory(organisation__community=c)),
    (selectors.project_placement_get, lambda c: ProjectPlacementFactory(project__organisation__community=c)),
]
test_a_record_in_scope_is_returned_and_out_of_scope_answers_404_like_a_missing_one = scope_test(GETS)


def test_the_organisations_to_take_a_project_are_the_active_ones(community_staff, community):
    active = LabourOrganisationFactory(community=community)
    LabourOrganisationFactory(community=community, is_active=False)

    assert list(selectors.labour_organisation_choices(user=community_staff, active_only=True)) == [active]
