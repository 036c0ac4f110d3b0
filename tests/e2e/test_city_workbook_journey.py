"""Issue 8, "Done when": the city bureau asks for last month's city workbook,
watches its progress, downloads it and finds a row per district whose figures
match a hand count; a district officer cannot build the city workbook.

Celery runs eagerly in tests, so the workbook is ready when the detail page
first shows; the journey asserts what that page offers, not the progress bar."""

import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from reports.periods import previous_month
from stations.models import StationStatus
from tests.factories import CommunityFactory, DistrictFactory, StationFactory, StreetFactory

pytestmark = pytest.mark.e2e

DISTRICTS = {
    "370402": "市中区",
    "370403": "薛城区",
    "370404": "峄城区",
    "370405": "台儿庄区",
    "370406": "山亭区",
    "370481": "滕州市",
}


@pytest.fixture
def city(community, far_community):
    """The six districts; open stations: 市中区 2, 滕州市 1, the rest none
    (plus a closed one in 市中区 that must not count)."""
    for code, name in DISTRICTS.items():
        DistrictFactory(code=code, name=name)
    StationFactory(community=community)
    StationFactory(community=CommunityFactory(street=StreetFactory(district=community.street.district)))
    StationFactory(community=community, status=StationStatus.CLOSED)
    StationFactory(community=far_community)
    return {"市中区": 2, "滕州市": 1}


def test_city_bureau_builds_last_months_city_workbook_and_a_district_cannot(
    page, login, new_page, snap, tmp_path, city, city_bureau, district_bureau
):
    last_month = previous_month(timezone.localdate()).label

    login(city_bureau)
    page.goto("/reports/")
    expect(page.locator("#id_period")).to_have_value(last_month)  # last month is the default
    expect(page.locator("#id_node option:checked")).to_have_text("枣庄市")
    page.get_by_role("button", name="生成报表").click()

    expect(page).to_have_url(re.compile(r"/reports/\d+/$"))
    expect(page.locator("h1")).to_contain_text(last_month)
    download_link = page.get_by_role("link", name="下载报表")
    expect(download_link).to_be_visible()
    snap(page, "workbook-ready")
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    summary = load_workbook(saved, read_only=True)["汇总"]
    rows = [list(row) for row in summary.iter_rows(values_only=True)]
    header = rows[1]
    body = {row[0]: row for row in rows[2:] if row and row[0]}
    assert set(DISTRICTS.values()) <= set(body), body.keys()
    assert "合计" in body
    stations_open = header.index("开放驿站数")
    assert {name: body[name][stations_open] for name in DISTRICTS.values()} == {
        name: city.get(name, 0) for name in DISTRICTS.values()
    }
    assert body["合计"][stations_open] == 3

    # The list keeps it for later.
    page.goto("/reports/")
    listed = page.locator("table tbody tr", has_text=last_month)
    expect(listed.first).to_contain_text("枣庄市")
    expect(listed.first.get_by_role("link", name="下载")).to_be_visible()

    # --- a district officer is offered only their district, and a forged city request is refused
    district = login(district_bureau, on=new_page())
    district.goto("/reports/")
    offered = district.locator("#id_node option").all_inner_texts()
    assert "枣庄市" not in offered and offered[0] == "市中区", offered
    district.locator("#id_node").evaluate(
        "select => { select.add(new Option('枣庄市', 'city')); select.value = 'city'; }"
    )
    district.get_by_role("button", name="生成报表").click()
    expect(district.locator(".errorlist")).to_have_text("只能生成您辖区的报表。")
    expect(district).to_have_url(re.compile(r"/reports/$"))
    snap(district, "district-refused")
