import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from jobs.models import Posting, PostingStatus
from tests.factories import CommunityFactory, StationFactory
from tests.factories.jobs import PostingFactory

LIST = reverse("jobs_public:posting_list")


@pytest.fixture
def market(community, sibling_community, other_community, far_community):
    """Four places ~0, ~2, ~6 and ~150 km apart, one live posting each."""
    community.latitude, community.longitude = Decimal("34.860000"), Decimal("117.550000")
    sibling_community.latitude, sibling_community.longitude = Decimal("34.878000"), Decimal("117.550000")
    other_community.latitude, other_community.longitude = Decimal("34.914000"), Decimal("117.550000")
    for c in (community, sibling_community, other_community):
        c.save()
    return {
        "here": PostingFactory(employer__community=community, title="家门口保洁", occupation_category="housekeeping"),
        "near": PostingFactory(
            employer__community=sibling_community,
            title="超市理货",
            occupation_category="retail",
            work_pattern="part_time",
            suits_older=True,
        ),
        "mid": PostingFactory(
            employer__community=other_community, title="仓库分拣", occupation_category="logistics", salary_max=6000
        ),
        "far": PostingFactory(
            employer__community=far_community, title="滕州缝纫工", occupation_category="manufacturing"
        ),
    }


def titles(response):
    return [p.title for p in response.context["result"].postings]


def test_list_shows_only_live_postings_newest_first(client, market, community):
    PostingFactory(employer__community=community, title="待审核", status=PostingStatus.PENDING, published_at=None)
    PostingFactory(
        employer__community=community,
        title="已过期",
        valid_from=timezone.localdate() - dt.timedelta(days=10),
        valid_until=timezone.localdate() - dt.timedelta(days=1),
    )
    Posting.objects.filter(pk=market["far"].pk).update(published_at=timezone.now() + dt.timedelta(minutes=5))
    response = client.get(LIST)
    assert response.status_code == 200
    assert titles(response)[0] == "滕州缝纫工"
    assert set(titles(response)) == {"家门口保洁", "超市理货", "仓库分拣", "滕州缝纫工"}


def test_list_filters_by_street(client, market, community):
    response = client.get(LIST, {"street": community.street_id})
    assert set(titles(response)) == {"家门口保洁", "超市理货"}


def test_list_filters_by_district_category_pattern_salary_suits_and_text(client, market, community):
    district = community.street.district_id
    assert titles(client.get(LIST, {"district": district, "category": "logistics"})) == ["仓库分拣"]
    assert titles(client.get(LIST, {"pattern": "part_time"})) == ["超市理货"]
    assert titles(client.get(LIST, {"salary": 5000})) == ["仓库分拣"]
    assert titles(client.get(LIST, {"suits": "older"})) == ["超市理货"]
    assert titles(client.get(LIST, {"q": "缝纫"})) == ["滕州缝纫工"]


def test_radius_keeps_only_postings_within_the_distance(client, market, community):
    response = client.get(LIST, {"near": f"c{community.pk}", "radius": 3, "sort": "distance"})
    assert titles(response) == ["家门口保洁", "超市理货"]
    assert response.context["result"].postings[1].distance_km == pytest.approx(2.0, abs=0.1)


def test_distance_sort_orders_nearest_first_from_a_station(client, market, other_community):
    station = StationFactory(community=other_community, latitude="34.914000", longitude="117.550000")
    response = client.get(LIST, {"near": f"s{station.pk}", "sort": "distance", "radius": 10})
    assert titles(response) == ["仓库分拣", "超市理货", "家门口保洁"]


def test_list_runs_a_fixed_number_of_queries(client, market, community, django_assert_num_queries):
    # streets for the filters, count, page; communities and stations are only
    # read once a district, a street or a place to be near is chosen.
    with django_assert_num_queries(3):
        client.get(LIST)
    for n in range(25):
        PostingFactory(employer=market["here"].employer, title=f"批量{n}")
    with django_assert_num_queries(5):
        response = client.get(LIST, {"street": community.street_id, "page": 2})
    assert response.context["result"].page == 2
    with django_assert_num_queries(4):
        client.get(LIST, {"near": f"c{community.pk}", "radius": 5, "sort": "distance"})


def test_community_choices_are_limited_to_the_chosen_district(client, market, community, far_community):
    response = client.get(LIST, {"district": community.street.district_id})
    choices = dict(response.context["form"].fields["community"].choices)
    assert community.pk in choices and far_community.pk not in choices


def test_pagination_links_keep_the_filters(client, market):
    for n in range(21):
        PostingFactory(employer=market["here"].employer, title=f"批量{n}")
    response = client.get(LIST, {"category": "housekeeping"})
    assert "category=housekeeping&amp;page=2" in response.content.decode()


def test_bad_filter_values_do_not_break_the_list(client, market):
    response = client.get(LIST, {"district": "abc", "radius": "7", "page": "x", "salary": "-5"})
    assert response.status_code == 200


def test_posting_page_shows_how_to_apply_and_the_station(client, market, community):
    station = StationFactory(community=community, name="光明路就业驿站")
    response = client.get(reverse("jobs_public:posting_detail", kwargs={"pk": market["here"].pk}))
    body = response.content.decode()
    assert response.status_code == 200
    assert "光明路就业驿站" in body and station.phone in body and market["here"].contact_phone in body


def test_unpublished_posting_page_is_not_found(client, community):
    posting = PostingFactory(employer__community=community, status=PostingStatus.PENDING, published_at=None)
    assert client.get(reverse("jobs_public:posting_detail", kwargs={"pk": posting.pk})).status_code == 404


def test_station_sheet_prints_a_qr_code_per_posting(client, market, community):
    station = StationFactory(community=community)
    station.served_communities.set([community, CommunityFactory(street=community.street)])
    response = client.get(reverse("jobs_public:station_sheet", kwargs={"pk": station.pk}))
    body = response.content.decode()
    assert response.status_code == 200
    assert "家门口保洁" in body
    assert body.count("<svg") == 2  # one posting + the market code


def test_qr_code_encodes_the_postings_public_url(market):
    import segno

    from jobs.qr import qr_svg

    url = "http://testserver" + reverse("jobs_public:posting_detail", kwargs={"pk": market["here"].pk})
    assert qr_svg(url) == segno.make(url, error="m", micro=False).svg_inline(scale=3, border=2, omitsize=False)


@pytest.mark.parametrize("value", ["11318852688376635010020959712182272", "²"])
def test_public_job_list_ignores_place_ids_that_are_no_row_ids(client, db, value):
    response = client.get(reverse("jobs_public:posting_list"), {"street": value, "district": value})

    assert response.status_code == 200


def test_near_offers_the_streets_before_a_district_is_chosen(client, market, community):
    response = client.get(LIST)

    near = response.context["form"].fields["near"]
    assert f"t{community.street_id}" in [value for _, group in near.choices[1:] for value, _label in group]


def test_jobs_near_a_street_come_nearest_to_its_communities_first(client, market, other_community):
    response = client.get(LIST, {"near": f"t{other_community.street_id}", "sort": "distance", "radius": 10})

    titles = [p.title for p in response.context["result"].postings]
    assert titles[0] == "仓库分拣" and "滕州缝纫工" not in titles


def test_the_filter_toggle_holds_nothing_to_tap_but_itself(client, market):
    html = client.get(LIST, {"category": "housekeeping"}).content.decode()

    summary = html.split("<summary>", 1)[1].split("</summary>", 1)[0]
    assert "<a " not in summary
    assert f'<a href="{LIST}">' in html.split("<details", 1)[0]
