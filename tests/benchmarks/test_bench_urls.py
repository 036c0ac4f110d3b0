"""The benchmark's URLs: the two reference pages beside the product's own."""

from django.test import override_settings

from benchmarks.bench_urls import EMPTY_STAFF_PATH, MINIMAL_PATH


@override_settings(ROOT_URLCONF="benchmarks.bench_urls")
def test_the_minimal_view_answers_ok_without_an_account(client):
    response = client.get(MINIMAL_PATH)
    assert (response.status_code, response.content) == (200, b"ok")


@override_settings(ROOT_URLCONF="benchmarks.bench_urls")
def test_the_empty_staff_page_needs_a_staff_account_and_shows_the_layout(client, community_staff):
    assert client.get(EMPTY_STAFF_PATH).status_code == 302
    client.force_login(community_staff)
    assert client.get(EMPTY_STAFF_PATH).status_code == 200


@override_settings(ROOT_URLCONF="benchmarks.bench_urls")
def test_the_products_pages_are_still_served(client, db):
    assert client.get("/").status_code == 200
