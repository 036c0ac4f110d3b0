"""The public station finder (/stations/) and station page (/stations/<pk>/)."""

import math
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stations.models import SiteKind, StationService, StationStatus
from stations.selectors import public_station_list
from stations.views.finder import StationFinderView
from tests.factories import CommunityFactory, RelatedSiteFactory, StationFactory

FINDER = reverse("public:station_finder")


def _names(response):
    return [s.name for s in response.context["stations"]]


@pytest.fixture
def stations(community, sibling_community, other_community, far_community):
    """One station per community, each at its community's coordinates."""
    made = {}
    for key, place, lat, lng in [
        ("home", community, "34.864000", "117.556000"),
        ("sibling", sibling_community, "34.870000", "117.560000"),  # ~0.7 km away
        ("other", other_community, "34.900000", "117.600000"),  # ~5.7 km away
        ("far", far_community, "35.084000", "117.165000"),  # ~43 km away
    ]:
        place.latitude, place.longitude = lat, lng
        place.save()
        made[key] = StationFactory(community=place, name=f"{place.name}驿站", latitude=lat, longitude=lng)
        made[key].served_communities.set([place])
    return made


def test_anonymous_resident_sees_the_finder_without_signing_in(client, stations):
    response = client.get(FINDER)
    assert response.status_code == 200
    assert len(_names(response)) == 4


def test_finder_is_a_plain_get_form_that_needs_no_javascript(client, stations):
    html = client.get(FINDER).content.decode()
    form = re.search(r'<form method="get"[^>]*id="finder-form"', html)
    assert form is not None
    assert '<select name="community"' in html
    assert '<button type="submit"' in html
    # The only script is an enhancement whose button stays hidden without it.
    assert re.search(r'class="near-me" hidden', html)


def test_closed_station_is_not_listed(client, stations):
    stations["sibling"].status = StationStatus.CLOSED
    stations["sibling"].save()
    assert stations["sibling"].name not in _names(client.get(FINDER))


def test_closed_station_page_answers_404(client, stations):
    stations["sibling"].status = StationStatus.CLOSED
    stations["sibling"].save()
    assert client.get(reverse("public:station_detail", args=[stations["sibling"].pk])).status_code == 404


def test_temporarily_closed_station_is_listed_with_a_warning(client, stations):
    stations["sibling"].status = StationStatus.PAUSED
    stations["sibling"].save()
    response = client.get(FINDER)
    assert stations["sibling"].name in _names(response)
    assert "tag warn" in response.content.decode()


def test_district_filter_keeps_the_district_stations(client, stations, district):
    names = _names(client.get(FINDER, {"district": district.pk}))
    assert stations["far"].name not in names
    assert len(names) == 3


def test_street_filter_keeps_the_street_stations(client, stations, street):
    names = _names(client.get(FINDER, {"street": street.pk}))
    assert set(names) == {stations["home"].name, stations["sibling"].name}


def test_district_choice_narrows_the_street_and_community_lists(client, stations, other_district, district):
    form = client.get(FINDER, {"district": other_district.pk}).context["form"]
    assert {s.district_id for s in form.fields["street"].queryset} == {other_district.pk}
    assert {c.street.district_id for c in form.fields["community"].queryset} == {other_district.pk}


def test_street_from_another_district_is_forgotten_after_district_change(client, stations, street, other_district):
    response = client.get(FINDER, {"district": other_district.pk, "street": street.pk})
    assert response.status_code == 200
    assert _names(response) == [stations["far"].name]


def test_text_query_matches_name_or_address(client, stations):
    stations["other"].address = "建华路88号"
    stations["other"].save()
    assert _names(client.get(FINDER, {"q": "建华路88"})) == [stations["other"].name]


def test_chosen_community_lists_its_station_first_then_nearest(client, stations, community):
    response = client.get(FINDER, {"community": community.pk})
    assert _names(response) == [stations[k].name for k in ("home", "sibling", "other", "far")]


def test_station_serving_the_community_comes_before_a_nearer_one(client, stations, community):
    stations["other"].served_communities.add(community)
    names = _names(client.get(FINDER, {"community": community.pk}))
    assert names[:2] == [stations["home"].name, stations["other"].name]


def _haversine_km(lat1, lng1, lat2, lng2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lng2 - lng1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def test_distance_is_the_straight_line_in_km(client, stations, community):
    response = client.get(FINDER, {"community": community.pk})
    got = [s.distance_km for s in response.context["stations"]]
    expected = [
        _haversine_km(34.864, 117.556, float(s.latitude), float(s.longitude)) for s in response.context["stations"]
    ]
    assert got == pytest.approx(expected, abs=0.001)
    assert got[0] == pytest.approx(0.0, abs=0.001)
    assert 40 < got[3] < 50  # 市中区 to 滕州市
    assert f"{expected[1]:.1f}" in response.content.decode()  # "0.8 km" in any language


def test_station_without_coordinates_uses_its_community_and_unknown_ones_go_last(client, stations, community):
    stations["sibling"].latitude = stations["sibling"].longitude = None
    stations["sibling"].save()  # falls back to its community's coordinates
    lost = CommunityFactory(street=community.street, latitude=None, longitude=None)
    StationFactory(community=lost, name="无坐标驿站", latitude=None, longitude=None)
    names = _names(client.get(FINDER, {"community": community.pk}))
    assert names[1] == stations["sibling"].name
    assert names[-1] == "无坐标驿站"


def test_location_from_the_phone_orders_nearest_first(client, stations):
    names = _names(client.get(FINDER, {"lat": "35.08", "lng": "117.16"}))
    assert names[0] == stations["far"].name


def test_nonsense_parameters_do_not_break_the_finder(client, stations):
    response = client.get(FINDER, {"district": "x", "community": "99999999999999999999", "lat": "999", "page": "z"})
    assert response.status_code == 200
    assert len(_names(response)) == 4


def test_finder_paginates(client, stations, monkeypatch):
    monkeypatch.setattr(StationFinderView, "page_size", 3)
    first = client.get(FINDER)
    assert len(_names(first)) == 3
    assert 'rel="next"' in first.content.decode()
    assert len(_names(client.get(FINDER, {"page": 2}))) == 1


def _finder_queries(client, community, count):
    for _ in range(count):
        StationFactory(community=community).services.set(StationService.objects.all()[:3])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(FINDER, {"community": community.pk}).status_code == 200
    return len(queries)


def test_finder_query_count_does_not_grow_with_the_page(client, community, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr(StationFinderView, "page_size", 30)
    small = _finder_queries(client, community, 2)
    large = _finder_queries(client, community, 28)
    assert small == large
    # districts, streets, communities for the selects, the chosen community,
    # count, page, services of the page
    with django_assert_max_num_queries(8):
        client.get(FINDER, {"community": community.pk})


def test_station_page_shows_hours_phone_services_and_map_link(client, stations):
    station = stations["home"]
    station.services.set(StationService.objects.filter(code__in=["job_push", "career_guidance"]))
    html = client.get(reverse("public:station_detail", args=[station.pk])).content.decode()
    assert station.opening_hours in html
    assert 'href="tel:0632-3311234"' in html
    assert "geo:34.864000,117.556000" in html
    assert "Job push" in html or "岗位推送" in html
    assert "http://" not in html.replace("http://testserver", "") and "https://" not in html


def test_station_page_lists_nearby_sites_of_served_communities(client, stations, sibling_community):
    stations["home"].served_communities.add(sibling_community)
    RelatedSiteFactory(community=sibling_community, name="文化路微工厂", kind=SiteKind.MICRO_FACTORY)
    RelatedSiteFactory(community=sibling_community, name="已停用工厂", is_active=False)
    html = client.get(reverse("public:station_detail", args=[stations["home"].pk])).content.decode()
    assert "文化路微工厂" in html
    assert "已停用工厂" not in html


def test_station_page_shows_no_personal_data(client, stations, community_staff):
    html = client.get(reverse("public:station_detail", args=[stations["home"].pk])).content.decode()
    assert community_staff.first_name not in html
    assert community_staff.username not in html


def test_selector_community_filter_includes_stations_serving_it(stations, community):
    stations["other"].served_communities.add(community)
    assert set(public_station_list(community=community)) == {stations["home"], stations["other"]}


def test_finder_is_in_the_public_menu(client, db):
    assert FINDER in client.get(reverse("public:home")).content.decode()
