"""The region page and the bureaus' street form."""

import pytest
from django.urls import reverse
from django.utils import timezone

from stations.models import CommunityHeadcount


@pytest.fixture
def as_user(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def street_figures(first, second, *, on=None, note="", first_figures=("9000", "17"), second_figures=("8000", "12")):
    """The street form's data: (population, community workers) of two
    communities from `on` (today by default)."""
    data = {"effective_from": (on or timezone.localdate()).isoformat(), "note": note}
    for community, (population, workers) in ((first, first_figures), (second, second_figures)):
        data[f"population_{community.pk}"] = population
        data[f"workers_{community.pk}"] = workers
    return data


def test_the_region_page_shows_codes_figures_and_ratio_in_the_users_scope(
    as_user, community_staff, community, far_community
):
    body = as_user(community_staff).get(reverse("stations:region")).content.decode()

    assert community.code in body and "8,000" in body and "15.0" in body
    assert far_community.code not in body


def test_the_staff_menu_leads_to_the_region_page(as_user, district_bureau):
    menu = as_user(district_bureau).get(reverse("stations:dashboard")).content.decode().split("</header>", 1)[0]

    assert f'href="{reverse("stations:region")}"' in menu


def test_only_the_bureaus_see_the_edit_link(as_user, street_officer, district_bureau, street, community):
    url = reverse("stations:street_headcounts", args=[street.pk])

    assert url not in as_user(street_officer).get(reverse("stations:region")).content.decode()
    assert url in as_user(district_bureau).get(reverse("stations:region")).content.decode()


def test_a_district_bureau_saves_a_streets_figures_from_one_form(
    as_user, district_bureau, street, community, sibling_community
):
    client = as_user(district_bureau)
    data = street_figures(community, sibling_community, note="2026 survey")

    response = client.post(reverse("stations:street_headcounts", args=[street.pk]), data)

    assert response.status_code == 302
    community.refresh_from_db()
    assert (community.urban_population, community.community_worker_count) == (9000, 17)
    assert not CommunityHeadcount.objects.filter(community=sibling_community).exists()


def test_bad_figures_answer_400_with_the_typed_values_kept(
    as_user, district_bureau, street, community, sibling_community
):
    client = as_user(district_bureau)
    data = street_figures(community, sibling_community, first_figures=("9000", "-3"), second_figures=("八千", "12"))

    response = client.post(reverse("stations:street_headcounts", args=[street.pk]), data)

    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="9000"' in body and 'value="-3"' in body
    assert not CommunityHeadcount.objects.exists()


def test_a_future_date_is_refused_on_the_form(as_user, district_bureau, street, community, sibling_community):
    client = as_user(district_bureau)
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)
    data = street_figures(community, sibling_community, on=tomorrow)

    response = client.post(reverse("stations:street_headcounts", args=[street.pk]), data)

    assert response.status_code == 400
    assert response.context["form"].errors["effective_from"]
    assert not CommunityHeadcount.objects.exists()


def test_another_districts_street_form_is_404(as_user, district_bureau, far_community):
    url = reverse("stations:street_headcounts", args=[far_community.street_id])

    assert as_user(district_bureau).get(url).status_code == 404


def test_a_street_officer_cannot_open_the_form(as_user, street_officer, street):
    assert as_user(street_officer).get(reverse("stations:street_headcounts", args=[street.pk])).status_code == 403


def test_a_communitys_history_lists_each_recorded_figure(
    as_user, district_bureau, street, community, sibling_community
):
    client = as_user(district_bureau)
    client.post(
        reverse("stations:street_headcounts", args=[street.pk]),
        street_figures(community, sibling_community, note="2026 survey"),
    )

    body = client.get(reverse("stations:community_headcounts", args=[community.pk])).content.decode()

    assert "2026 survey" in body and "9,000" in body and "8,000" in body
