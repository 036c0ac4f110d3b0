"""`obj|steps_for:user` (stations/templatetags/workflow_tags.py): the steps a
record's declared workflow allows the user now, none for a record without one."""

import pytest

from stations.templatetags.workflow_tags import steps_for
from tests.factories import ResidentFactory
from tests.factories.entrepreneurship import StartupProjectFactory

pytestmark = pytest.mark.django_db


def test_a_record_without_a_workflow_offers_no_steps(community, community_staff):
    assert steps_for(ResidentFactory(community=community), community_staff) == []


def test_a_published_catalogue_item_offers_the_district_only_taking_it_down(district, district_bureau):
    project = StartupProjectFactory(district=district, state="published")
    assert [step.name for step in steps_for(project, district_bureau)] == ["unpublish"]
