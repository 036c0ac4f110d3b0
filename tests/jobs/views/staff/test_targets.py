"""The community posts vs target page."""

from django.urls import reverse


def test_the_page_shows_the_subtotals_and_the_communities(client, city_bureau, uneven, django_assert_max_num_queries):
    client.force_login(city_bureau)

    with django_assert_max_num_queries(12):
        body = client.get(reverse("jobs:post_targets")).content.decode()

    assert "枣庄市" in body and "18.9" in body
