from django.urls import reverse

from tests.factories.training import CatalogueFactory, CourseFactory
from training.models import CatalogueStatus


def test_publish_button_publishes_from_the_staff_page(client, district_bureau, district):
    catalogue = CatalogueFactory(district=district, status="draft")
    CourseFactory(catalogue=catalogue)
    client.force_login(district_bureau)
    response = client.post(reverse("training:catalogue_publish", kwargs={"pk": catalogue.pk}))
    assert response.status_code == 302
    catalogue.refresh_from_db()
    assert catalogue.status == CatalogueStatus.PUBLISHED


def test_adding_a_course_with_errors_keeps_what_was_typed(client, district_bureau, district):
    catalogue = CatalogueFactory(district=district, status="draft")
    client.force_login(district_bureau)
    response = client.post(
        reverse("training:catalogue_detail", kwargs={"pk": catalogue.pk}),
        {
            "name": "面点师培训",
            "occupation": "中式面点师",
            "hours": "",
            "subsidy_standard": "900",
            "audience": "redeployment",
            "position": 0,
        },
    )
    assert response.status_code == 200
    assert "面点师培训" in response.content.decode()
    assert catalogue.courses.count() == 0


def test_a_draft_page_offers_the_bureau_the_publish_button(client, district_bureau, district):
    catalogue = CatalogueFactory(district=district, status="draft")
    client.force_login(district_bureau)

    page = client.get(reverse("training:catalogue_detail", kwargs={"pk": catalogue.pk})).content.decode()

    assert reverse("training:catalogue_publish", kwargs={"pk": catalogue.pk}) in page


def test_a_published_catalogue_page_offers_no_publish_button(client, district_bureau, district):
    catalogue = CatalogueFactory(district=district)
    client.force_login(district_bureau)

    page = client.get(reverse("training:catalogue_detail", kwargs={"pk": catalogue.pk})).content.decode()

    assert reverse("training:catalogue_publish", kwargs={"pk": catalogue.pk}) not in page
