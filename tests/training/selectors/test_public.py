"""Public reads: the published catalogue and nothing else."""

from tests.factories.training import CatalogueFactory, CourseFactory
from training.selectors import public_course_list, published_trades


def test_the_public_sees_only_courses_of_published_catalogues(district):
    shown = CourseFactory(catalogue=CatalogueFactory(district=district), name="公开课程")
    CourseFactory(catalogue=CatalogueFactory(district=district, status="draft"), name="草稿课程")

    assert list(public_course_list()) == [shown]


def test_published_trades_are_each_listed_once_in_order(district):
    catalogue = CatalogueFactory(district=district)
    for occupation in ("育婴员", "电工", "育婴员"):
        CourseFactory(catalogue=catalogue, occupation=occupation)
    CourseFactory(catalogue=CatalogueFactory(district=district, status="draft"), occupation="砌筑工")

    assert published_trades() == sorted(["育婴员", "电工"])
