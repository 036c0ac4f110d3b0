"""The district catalogue's models."""

from tests.factories.training import CatalogueFactory, CourseFactory
from training.models import CatalogueStatus


def test_only_a_draft_catalogue_is_editable(district):
    draft = CatalogueFactory(district=district, status=CatalogueStatus.DRAFT)
    published = CatalogueFactory(district=district, status=CatalogueStatus.PUBLISHED)

    assert (draft.is_editable, published.is_editable) == (True, False)


def test_a_course_is_shown_with_its_trade(district):
    course = CourseFactory(catalogue__district=district, name="育婴员（五级）", occupation="育婴员")

    assert str(course) == "育婴员（五级） (育婴员)"
