"""The district catalogue's models."""

import pytest

from tests.factories.training import CatalogueFactory, CourseFactory
from training.models import Catalogue, CatalogueStatus
from training.models.catalogue import CATALOGUE_WORKFLOW


def test_only_a_draft_catalogue_is_editable(district):
    draft = CatalogueFactory(district=district, status=CatalogueStatus.DRAFT)
    published = CatalogueFactory(district=district, status=CatalogueStatus.PUBLISHED)

    assert (draft.is_editable, published.is_editable) == (True, False)


def test_a_course_is_shown_with_its_trade(district):
    course = CourseFactory(catalogue__district=district, name="育婴员（五级）", occupation="育婴员")

    assert str(course) == "育婴员（五级） (育婴员)"


@pytest.mark.parametrize(
    ("status", "allowed"),
    [(CatalogueStatus.DRAFT, ["publish"]), (CatalogueStatus.PUBLISHED, []), (CatalogueStatus.SUPERSEDED, [])],
)
def test_only_a_draft_catalogue_can_be_published(status, allowed, district_bureau):
    assert [step.name for step in CATALOGUE_WORKFLOW.allowed(Catalogue(status=status), district_bureau)] == allowed


def test_only_the_district_bureau_is_offered_publishing(community_staff):
    assert CATALOGUE_WORKFLOW.allowed(Catalogue(status=CatalogueStatus.DRAFT), community_staff) == []
