import pytest
from rest_framework.test import APIClient

from tests.factories import ResidentFactory
from tests.factories.training import CatalogueFactory, CourseFactory


@pytest.fixture
def api():
    return APIClient()


def test_public_catalogue_api_lists_only_published_courses(api, district):
    CourseFactory(catalogue=CatalogueFactory(district=district), name="公开课程")
    CourseFactory(catalogue=CatalogueFactory(district=district, status="draft"), name="草稿课程")
    names = [c["name"] for c in api.get("/api/v1/training/catalogue/").json()["results"]]
    assert names == ["公开课程"]


def test_public_open_classes_api_shows_seats_left(api, open_class):
    [row] = api.get("/api/v1/training/open-classes/").json()["results"]
    assert (row["title"], row["seats_left"]) == (open_class.title, open_class.capacity)


def test_staff_enrolment_api_refuses_a_full_class_with_400(api, community_staff, community, open_class):
    api.force_authenticate(community_staff)
    for _ in range(open_class.capacity):
        resident = ResidentFactory(community=community)
        assert (
            api.post(
                "/api/v1/training/enrolments/", {"resident": resident.pk, "training_class": open_class.pk}
            ).status_code
            == 201
        )
    response = api.post(
        "/api/v1/training/enrolments/",
        {"resident": ResidentFactory(community=community).pk, "training_class": open_class.pk},
    )
    assert response.status_code == 400
    assert open_class.title in str(response.json()["errors"])


def test_staff_enrolment_api_cannot_enrol_a_resident_outside_scope(api, community_staff, far_community, open_class):
    api.force_authenticate(community_staff)
    response = api.post(
        "/api/v1/training/enrolments/",
        {"resident": ResidentFactory(community=far_community).pk, "training_class": open_class.pk},
    )
    assert response.status_code == 400


def test_staff_need_api_lists_only_the_users_residents(api, community_staff, community, far_community):
    from tests.factories.training import TrainingNeedFactory

    TrainingNeedFactory(resident=ResidentFactory(community=community, name="本社区"))
    TrainingNeedFactory(resident=ResidentFactory(community=far_community, name="外区"))
    api.force_authenticate(community_staff)
    names = [n["resident_name"] for n in api.get("/api/v1/training/needs/").json()["results"]]
    assert names == ["本社区"]


def test_staff_class_api_needs_an_account(api, open_class):
    assert api.get("/api/v1/training/classes/").status_code in (401, 403)
