import pytest

from partnerships.models import ExampleStatus
from tests.factories.partnerships_examples import ExamplePhotoFactory, TypicalExampleFactory
from tests.partnerships.query_params import bad_filter_cases, client_as

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_staff_create_a_draft_and_submit_it(client, community_staff, community):
    client.force_login(community_staff)
    created = client.post(
        "/api/v1/partners/examples/",
        {
            "community": community.pk,
            "kind": "employment_case",
            "title": "四十岁再就业",
            "person_name": "孙大姐",
            "summary": "在驿站推荐下到超市上班。",
            "story": "……",
            "consent_on_file": True,
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["status"] == ExampleStatus.DRAFT
    submitted = client.post(
        f"/api/v1/partners/examples/{created.json()['id']}/transition/",
        {"step": "submit"},
        content_type="application/json",
    )
    assert submitted.status_code == 200 and submitted.json()["status"] == ExampleStatus.SUBMITTED


def test_creating_in_another_community_answers_400_with_the_field(client, community_staff, far_community):
    client.force_login(community_staff)
    response = client.post(
        "/api/v1/partners/examples/",
        {
            "community": far_community.pk,
            "kind": "leader",
            "title": "x",
            "person_name": "y",
            "summary": "s",
            "story": "t",
        },
        content_type="application/json",
    )
    assert response.status_code == 400 and "community" in response.json()["errors"]


def test_returning_without_a_note_answers_400(client, city_bureau, community):
    example = TypicalExampleFactory(community=community, submitted=True)
    client.force_login(city_bureau)
    response = client.post(
        f"/api/v1/partners/examples/{example.pk}/transition/", {"step": "return"}, content_type="application/json"
    )
    assert response.status_code == 400 and "note" in response.json()["errors"]


def test_community_staff_publishing_answers_403(client, community_staff, community):
    example = TypicalExampleFactory(community=community, submitted=True)
    client.force_login(community_staff)
    response = client.post(
        f"/api/v1/partners/examples/{example.pk}/transition/", {"step": "publish"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_an_example_out_of_scope_is_404(client, community_staff, far_community):
    example = TypicalExampleFactory(community=far_community)
    client.force_login(community_staff)
    assert client.get(f"/api/v1/partners/examples/{example.pk}/").status_code == 404


def test_the_staff_list_is_scoped(client, community_staff, community, far_community):
    mine = TypicalExampleFactory(community=community)
    TypicalExampleFactory(community=far_community)
    client.force_login(community_staff)
    ids = [row["id"] for row in client.get("/api/v1/partners/examples/").json()["results"]]
    assert ids == [mine.pk]


def test_public_stories_list_published_ones_with_public_photo_urls(client, community):
    published = TypicalExampleFactory(community=community, published=True)
    photo = ExamplePhotoFactory(example=published)
    TypicalExampleFactory(community=community, submitted=True)
    rows = client.get("/api/v1/partners/stories/").json()["results"]
    assert [row["id"] for row in rows] == [published.pk]
    assert rows[0]["photos"][0]["url"].endswith(f"/stories/photos/{photo.pk}.jpg")
    assert "consent_on_file" not in rows[0] and "created_by" not in rows[0]


def test_a_public_story_that_is_not_published_is_404(client, community):
    example = TypicalExampleFactory(community=community, status="withdrawn")
    assert client.get(f"/api/v1/partners/stories/{example.pk}/").status_code == 404


# --- bad filter values ---------------------------------------------------------------------------
BAD_FILTER_LISTS = [
    ("/api/v1/partners/examples/", "community_staff", ["status", "kind", "queue"]),
    ("/api/v1/partners/stories/", None, ["district", "kind"]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "role", "param", "value"), bad_filter_cases(BAD_FILTER_LISTS))
def test_a_bad_filter_value_on_an_api_list_is_ignored(client, request, some_records, url, role, param, value):
    assert client_as(client, request, role).get(url, {param: value}).status_code == 200
