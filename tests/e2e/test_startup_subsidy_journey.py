"""Issue 7, "Done when": community staff register a resident's new individual
business and file a one-off startup subsidy; the eligibility checks show; the
street checks it; the district approves 2,000 yuan and marks it paid; a second
startup subsidy for the same founder's second business is refused naming the
first (issue 15); a loan over the limit is refused; the award register
downloads."""

import datetime as dt
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from entrepreneurship.models import ApplicationStatus, SubsidyApplication
from tests.e2e.helpers import select_containing
from tests.factories.entrepreneurship import BusinessFactory, valid_credit_code
from tests.factories.residents import ResidentFactory

pytestmark = pytest.mark.e2e


def test_startup_subsidy_from_registration_to_payment_and_the_award_register(
    page, login, new_page, snap, tmp_path, community, community_staff, street_officer, district_bureau
):
    founder = ResidentFactory(community=community, name="孙丽", employment_status="unemployed")
    registered_on = dt.date.today() - dt.timedelta(days=20)
    credit_code = valid_credit_code(4711)

    # --- community staff register the business -----------------------------------
    login(community_staff)
    page.goto("/staff/startup/businesses/new/")
    page.select_option("#id_kind", label="个体工商户")
    page.fill("#id_name", "孙丽家常菜馆")
    page.fill("#id_credit_code", credit_code)
    page.fill("#id_registered_on", registered_on.isoformat())
    select_containing(page, "#id_community", "光明路社区")
    select_containing(page, "#id_founders", "孙丽")
    page.fill("#id_address", "光明路30号")
    page.get_by_role("button", name=re.compile("^保存")).click()
    expect(page).to_have_url(re.compile(r"/staff/startup/businesses/\d+/$"))
    expect(page.locator("h1")).to_contain_text("孙丽家常菜馆")

    # --- and file a one-off startup subsidy: the checks show, all passed --------
    page.goto("/staff/startup/applications/new/")
    page.select_option("#id_kind", label="一次性创业补贴")
    select_containing(page, "#id_resident", "孙丽")
    select_containing(page, "#id_business", "孙丽家常菜馆")
    page.get_by_role("button", name=re.compile("^保存")).click()
    expect(page).to_have_url(re.compile(r"/staff/startup/applications/\d+/$"))
    application_url = page.url
    checks = page.locator("h2:has-text('资格审核') + table tbody tr")
    expect(checks).not_to_have_count(0)
    expect(checks.filter(has_text="未通过")).to_have_count(0)
    expect(checks.filter(has_text="孙丽家常菜馆")).to_have_count(1)  # the founder check names the business
    expect(page.locator("dl.facts")).to_contain_text(re.compile(r"¥2,?000\.00"))  # the policy amount
    snap(page, "eligibility-checks")
    page.get_by_role("button", name="提交", exact=True).click()
    expect(page.locator("h1 small")).to_have_text("已提交")

    # --- the street checks it -------------------------------------------------------
    street = login(street_officer, on=new_page())
    street.goto(application_url)
    street.get_by_role("button", name="审核（街道）").click()
    expect(street.locator("h1 small")).to_have_text("街道已审核")

    # --- the district approves 2,000 yuan and marks it paid --------------------
    district = login(district_bureau, on=new_page())
    district.goto(application_url)
    approve = district.locator("form", has=district.get_by_role("button", name="批准"))
    approve.locator("input[name=approved_amount]").fill("2000")
    approve.get_by_role("button", name="批准").click()
    expect(district.locator("h1 small")).to_have_text("已批准")
    pay = district.locator("form", has=district.get_by_role("button", name="标记为已发放"))
    pay.locator("input[name=paid_on]").fill(dt.date.today().isoformat())
    pay.locator("input[name=payment_reference]").fill("ZZ-2026-0001")
    pay.get_by_role("button", name="标记为已发放").click()
    expect(district.locator("h1 small")).to_have_text("已发放")
    expect(district.locator("dl.facts")).to_contain_text("ZZ-2026-0001")
    snap(district, "paid")

    # --- a second startup subsidy for the same founder, for a second business, is
    # refused at once, naming the first (number, business, date paid) -------------
    second_shop = BusinessFactory(community=community, founders=[founder], name="孙丽洗衣店")
    first = SubsidyApplication.objects.get(status=ApplicationStatus.PAID)
    page.goto("/staff/startup/applications/new/")
    page.select_option("#id_kind", label="一次性创业补贴")
    select_containing(page, "#id_resident", "孙丽")
    select_containing(page, "#id_business", second_shop.name)
    page.get_by_role("button", name=re.compile("^保存")).click()
    expect(page).to_have_url(re.compile(r"/staff/startup/applications/new/$"))
    refusal = page.locator(".errorlist")
    expect(refusal).to_contain_text(f"孙丽 已申请过一次性创业补贴（第 {first.pk} 号申请")
    expect(refusal).to_contain_text("孙丽家常菜馆")
    expect(refusal).to_contain_text(f"已于 {dt.date.today():%Y-%m-%d} 发放")
    expect(refusal).to_contain_text("每人只能享受一次")
    snap(page, "second-business-refused")
    assert SubsidyApplication.objects.count() == 1

    # --- a loan over the individual limit is refused -----------------------------
    page.goto("/staff/startup/loans/new/")
    page.select_option("#id_borrower_kind", label="个人")
    select_containing(page, "#id_resident", "孙丽")
    page.fill("#id_bank", "枣庄农商银行")
    page.fill("#id_amount", "600000")
    page.fill("#id_term_months", "36")
    page.get_by_role("button", name=re.compile("^保存")).click()
    expect(page.locator("body")).to_contain_text("个人创业担保贷款最高 500,000 元")
    expect(page.locator("#id_amount")).to_have_value("600000")  # what was typed stays
    snap(page, "loan-over-limit")

    # --- the award register downloads ----------------------------------------------
    district.goto("/staff/startup/")
    with district.expect_download() as download_info:
        district.get_by_role("link", name="补贴发放名册（xlsx）").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    sheet = load_workbook(saved, read_only=True).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    ours = [row for row in rows if "孙丽" in row]
    assert len(ours) == 1, rows
    assert "孙丽家常菜馆" in ours[0]
    assert 2000 in ours[0] or "2000.00" in ours[0] or "2,000.00" in ours[0], ours[0]
    assert founder.id_number not in ours[0]  # masked
