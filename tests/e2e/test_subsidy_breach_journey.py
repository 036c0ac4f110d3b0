"""Issue 15: the bureau finds the payments that broke the once-only rule (a
founder paid 12,000 yuan for one business and 2,000 for a second, from before
the rule), opens the later one, and downloads the list for recovery. Nothing
is changed by looking."""

import datetime as dt
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from entrepreneurship.models import SubsidyApplication
from tests.factories.entrepreneurship import BusinessFactory, paid_application
from tests.factories.residents import ResidentFactory

pytestmark = pytest.mark.e2e


def test_district_lists_and_downloads_a_founder_paid_twice(page, login, snap, tmp_path, community, district_bureau):
    founder = ResidentFactory(community=community, name="周两店")
    first = paid_application(
        resident=founder,
        business=BusinessFactory(community=community, founders=[founder], name="周记早餐店", kind="micro_enterprise"),
        paid_on=dt.date(2025, 3, 2),
    )
    second = paid_application(
        resident=founder,
        business=BusinessFactory(community=community, founders=[founder], name="周记洗衣店"),
        paid_on=dt.date(2025, 6, 9),
        amount="2000",
        legacy_duplicate=True,
    )

    login(district_bureau)
    page.goto("/staff/startup/")
    expect(page.get_by_role("alert")).to_contain_text("1 笔发放违反了“只能享受一次”规则")
    page.get_by_role("link", name="查看清单").click()
    row = page.locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("周两店")
    expect(row).to_contain_text("周记洗衣店")
    expect(row).to_contain_text(f"第 {first.pk} 号")
    expect(row).to_contain_text("2025-03-02")
    snap(page, "breach-list")

    row.get_by_role("link", name=str(second.pk)).click()
    expect(page.get_by_role("alert").first).to_contain_text(f"第 {first.pk} 号申请")
    expect(page.locator("body")).to_contain_text("规则施行前已录入")
    snap(page, "later-payment")

    page.goto("/staff/startup/breaches/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("下载")).click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    rows = list(load_workbook(saved, read_only=True).worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][3] == second.pk and rows[1][11] == first.pk
    assert founder.id_number not in [str(c) for c in rows[1]]  # masked
    assert set(SubsidyApplication.objects.values_list("status", flat=True)) == {"paid"}
