"""Issue 15, "Done when": a closed month's figures do not move. Community staff
close last month, then record a service dated in it: refused, with a link to
ask for a correction, which they send; the street officer approves it on the
request page; the month's workbook keeps its figures apart from the approved
correction, which it lists on its corrections sheet. All in Chinese."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from playwright.sync_api import expect

from reports.models import CorrectionRequest, CorrectionStatus, PeriodClose
from reports.services import workbook_bytes
from stations.models import ServiceRecord
from tests.factories import ResidentFactory
from tests.factories.reports import day_in, last_month

pytestmark = pytest.mark.e2e


def test_a_back_dated_service_waits_for_the_street_and_lands_on_the_corrections_sheet(
    page, login, new_page, snap, community_staff, street_officer, community
):
    month = last_month()
    resident = ResidentFactory(community=community, name="孙丽华", registered_on=month.start - dt.timedelta(days=40))

    # --- close last month ---------------------------------------------------------------------
    login(community_staff)
    page.goto(reverse("reports:period_close"))
    page.locator(f'form:has(input[name="month"][value="{month.label}"]) button').click()
    expect(page.locator("body")).to_contain_text(f"{month.label} 已关账并锁定")
    assert PeriodClose.objects.filter(community=community, month=month.start).exists()

    # --- a service dated in it is refused, with a link ------------------------------------------
    page.goto(reverse("stations:resident_detail", kwargs={"pk": resident.pk}) + "#services")
    page.select_option("#id_kind", "career_guidance")
    page.fill("#id_served_on", day_in(month).isoformat())
    page.get_by_role("button", name="记录服务").click()
    alert = page.locator("#services .errors")
    expect(alert).to_contain_text(f"{community.name}的 {month.label} 已关账")
    expect(alert).to_contain_text("服务人次 0 → 1")
    snap(page, "1-refused")
    assert not ServiceRecord.objects.exists()

    # --- asking for a correction ---------------------------------------------------------------
    alert.get_by_role("link", name="申请街道审核更正").click()
    expect(page.locator("h1")).to_have_text("申请更正")
    expect(page.locator("table")).to_contain_text("服务人次")
    page.fill("#id_reason", "当天已上门走访，录入晚了")
    snap(page, "2-ask")
    page.get_by_role("button", name="提交街道审核").click()
    expect(page.locator("h1")).to_contain_text("等待街道审核")
    correction = CorrectionRequest.objects.get()

    # --- the street officer approves -----------------------------------------------------------
    street = login(street_officer, on=new_page())
    street.goto(reverse("reports:correction_list"))
    expect(street.locator("table")).to_contain_text(community.name)
    snap(street, "3-list")
    street.get_by_role("link", name=str(correction.pk), exact=True).click()
    expect(street.locator("body")).to_contain_text("当天已上门走访，录入晚了")
    snap(street, "4-decide")
    street.get_by_role("button", name="批准并执行").click()
    expect(street.locator("h1")).to_contain_text("已批准并执行")
    snap(street, "5-applied")
    correction.refresh_from_db()
    assert correction.status == CorrectionStatus.APPLIED

    # --- the record and the workbook -------------------------------------------------------------
    page.goto(reverse("stations:resident_detail", kwargs={"pk": resident.pk}))
    expect(page.locator("#services .timeline")).to_contain_text(day_in(month).isoformat())
    workbook = load_workbook(io.BytesIO(workbook_bytes(node_code=community.code, period_text=month.label)))
    lines = [[c.value for c in row] for row in workbook["更正"].iter_rows(min_row=3)]
    assert [(line[0], line[2], line[3], line[4], line[6]) for line in lines] == [
        (month.label, "服务人次", 0, 1, correction.pk)
    ]
