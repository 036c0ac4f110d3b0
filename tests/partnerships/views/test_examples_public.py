"""The public pages of typical examples (/stories/): only what is published,
with nothing of the staff or the person beyond the published name."""

import pytest
from django.urls import reverse

from tests.factories.partnerships_examples import ExamplePhotoFactory, TypicalExampleFactory
from tests.partnerships.query_params import bad_filter_cases, client_as


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_public_list_shows_published_examples_only(client, community):
    TypicalExampleFactory(community=community, title="公开的故事", published=True)
    TypicalExampleFactory(community=community, title="未公开的故事", submitted=True)
    body = client.get(reverse("partnerships_public:story_list")).content.decode()
    assert "公开的故事" in body and "未公开的故事" not in body


def test_public_list_filters_by_kind_and_district(client, community, far_community):
    TypicalExampleFactory(community=community, title="市中区带头人", kind="leader", published=True)
    TypicalExampleFactory(community=far_community, title="滕州带头人", kind="leader", published=True)
    TypicalExampleFactory(community=community, title="市中区创业", kind="startup_star", published=True)
    body = client.get(
        reverse("partnerships_public:story_list"), {"kind": "leader", "district": community.street.district_id}
    ).content.decode()
    assert "市中区带头人" in body and "滕州带头人" not in body and "市中区创业" not in body


def test_public_detail_shows_photos_with_size_alt_and_lazy_loading(client, community):
    example = TypicalExampleFactory(community=community, published=True)
    photo = ExamplePhotoFactory(example=example, caption="在驿站面试", width=40, height=30)
    body = client.get(reverse("partnerships_public:story_detail", args=[example.pk])).content.decode()
    assert reverse("partnerships_public:story_photo", args=[photo.pk]) in body
    assert 'alt="在驿站面试"' in body and 'width="40"' in body and 'height="30"' in body and 'loading="lazy"' in body


def test_public_detail_shows_no_staff_or_personal_details(client, community):
    example = TypicalExampleFactory(community=community, published=True)
    body = client.get(reverse("partnerships_public:story_detail", args=[example.pk])).content.decode()
    assert example.created_by.username not in body and example.created_by.first_name not in body


def test_an_unpublished_example_is_404_publicly(client, community):
    example = TypicalExampleFactory(community=community, submitted=True)
    assert client.get(reverse("partnerships_public:story_detail", args=[example.pk])).status_code == 404


def test_a_published_photo_is_served_publicly_with_cache_headers(client, community):
    photo = ExamplePhotoFactory(example=TypicalExampleFactory(community=community, published=True))
    response = client.get(reverse("partnerships_public:story_photo", args=[photo.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff" and response["Content-Disposition"].startswith("inline")
    assert response["Cache-Control"].startswith("public")
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "withdrawn"])
def test_a_photo_of_an_unpublished_example_is_404_publicly(client, community, status):
    photo = ExamplePhotoFactory(example=TypicalExampleFactory(community=community, status=status))
    assert client.get(reverse("partnerships_public:story_photo", args=[photo.pk])).status_code == 404


def test_media_is_not_served_directly(client, community):
    photo = ExamplePhotoFactory(example=TypicalExampleFactory(community=community, published=True))
    assert client.get(f"/media/{photo.image.name}").status_code == 404


def test_the_public_list_takes_a_fixed_number_of_queries(client, community, django_assert_max_num_queries):
    for example in TypicalExampleFactory.create_batch(6, community=community, published=True):
        ExamplePhotoFactory(example=example)
    with django_assert_max_num_queries(8):
        client.get(reverse("partnerships_public:story_list"))


# --- bad filter values ---------------------------------------------------------------------------
BAD_FILTER_PAGES = [("partnerships_public:story_list", None, ["district", "page"])]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "param", "value"), bad_filter_cases(BAD_FILTER_PAGES))
def test_a_bad_filter_value_on_a_page_is_ignored(client, request, some_records, name, role, param, value):
    assert client_as(client, request, role).get(reverse(name), {param: value}).status_code == 200
