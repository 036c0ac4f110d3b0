"""Issue 2, "Done when": a resident on a phone-sized screen finds the nearest
station's opening hours and phone, with or without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import CommunityFactory, StationFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def stations(community, sibling_community, far_community):
    """The resident lives in 光明路社区; its own station is a few hundred metres
    away, the neighbouring community's about 3 km, another district's 80 km."""
    community.latitude, community.longitude = "34.810000", "117.320000"
    community.save(update_fields=["latitude", "longitude"])
    near = StationFactory(
        name="光明路社区就业驿站",
        community=community,
        address="光明路18号社区服务中心一楼",
        opening_hours="周一至周六 8:30-18:00",
        phone="0632-3310001",
        latitude="34.812000",
        longitude="117.321000",
    )
    StationFactory(
        name="文化路社区就业驿站",
        community=sibling_community,
        address="文化路2号",
        opening_hours="周一至周五 9:00-17:00",
        phone="0632-3310002",
        latitude="34.835000",
        longitude="117.335000",
    )
    StationFactory(
        name="荆河社区就业驿站",
        community=far_community,
        address="荆河路1号",
        opening_hours="周一至周五 8:00-17:00",
        phone="0632-5550003",
        latitude="35.090000",
        longitude="117.150000",
    )
    # A community of the same district that has no station of its own.
    CommunityFactory(street=community.street, code="370402001009", name="青檀路社区")
    return near


@pytest.mark.parametrize("page_fixture", ["phone_page", "phone_page_no_js"])
def test_resident_on_a_phone_finds_the_nearest_stations_hours_and_phone(request, page_fixture, stations, snap):
    page = request.getfixturevalue(page_fixture)
    near = stations

    page.goto("/")
    page.get_by_role("link", name=re.compile("就业驿站")).first.click()
    expect(page).to_have_url(re.compile(r"/stations/$"))

    # Narrow to the district first (plain GET form: the page reloads with its streets and communities).
    page.locator("#finder-form details summary").click()
    page.select_option("#id_district", label="市中区")
    page.get_by_role("button", name="应用").click()
    expect(page).to_have_url(re.compile(r"district="))
    community_options = page.locator("#id_community option").all_inner_texts()
    assert any("光明路社区" in text for text in community_options)
    assert not any("荆河社区" in text for text in community_options), "another district's community is offered"

    page.select_option("#id_community", label="光明路社区（中心街街道）")
    page.get_by_role("button", name="查找驿站").click()
    expect(page).to_have_url(re.compile(r"community="))

    first = page.locator(".station-card").first
    expect(first.locator("h3")).to_have_text(near.name)
    expect(first.locator(".hours")).to_contain_text("周一至周六 8:30-18:00")
    expect(first.get_by_role("link", name=re.compile("0632-3310001"))).to_have_attribute("href", "tel:0632-3310001")
    expect(first).to_contain_text("服务您所在的社区")
    # The neighbours follow, nearest first.
    expect(page.locator(".station-card h3")).to_have_text(
        ["光明路社区就业驿站", "文化路社区就业驿站", "荆河社区就业驿站"]
    )
    snap(page, "finder-results")

    # Nobody has to scroll sideways on a 390 px phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    first.get_by_role("link", name="详情").click()
    expect(page.locator("h1")).to_have_text(near.name)
    expect(page.locator(".hours-big")).to_have_text("周一至周六 8:30-18:00")
    expect(page.get_by_role("link", name=re.compile("0632-3310001"))).to_be_visible()
    snap(page, "station-detail")
