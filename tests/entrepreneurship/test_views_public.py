import pytest
from django.urls import reverse

from entrepreneurship.models import CatalogueState
from tests.factories.entrepreneurship import StartupEventFactory, StartupStarFactory

pytestmark = pytest.mark.django_db


def test_public_page_lists_each_star_once(client, district, other_district):
    for d, year in ((district, 2024), (other_district, 2025)):
        StartupStarFactory(district=d, name="孙丽", business_name="石榴盆景工作室", year=year)

    response = client.get(reverse("entrepreneurship_public:home"))

    assert response.content.decode().count("孙丽 · 石榴盆景工作室") == 1


def test_public_page_leaves_out_proposals_and_taken_down_items(client, district):
    StartupEventFactory(district=district, title="已发布沙龙")
    StartupEventFactory(district=district, title="待审沙龙", state=CatalogueState.PROPOSED)
    StartupEventFactory(district=district, title="已撤下沙龙", state=CatalogueState.UNPUBLISHED)

    body = client.get(reverse("entrepreneurship_public:home")).content.decode()

    assert "已发布沙龙" in body
    assert "待审沙龙" not in body and "已撤下沙龙" not in body


def test_an_unpublished_item_has_no_public_page(client, district):
    star = StartupStarFactory(district=district, state=CatalogueState.PROPOSED)

    assert client.get(reverse("entrepreneurship_public:star", args=[star.pk])).status_code == 404
