"""An overdue 12333 case reaches the street officer and the district bureau:
a community worker opens a case dated back four months and records nothing;
the night's reminder run escalates it; the officers find it on their
dashboards, with the level it reached, and open it."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.factories.residents import ResidentFactory

pytestmark = pytest.mark.e2e


def test_an_overdue_case_reaches_the_street_officer_and_the_district_bureau(
    page, new_page, login, snap, community, community_staff, street_officer, district_bureau
):
    resident = ResidentFactory(community=community, name="陈秀兰", employment_status="unemployed")
    login(community_staff)
    page.goto(f"/staff/assistance/open/{resident.pk}/")
    page.fill("#id_opened_on", (dt.date.today() - dt.timedelta(days=125)).isoformat())
    page.get_by_role("button", name=re.compile("建档|Open case")).click()
    expect(page).to_have_url(re.compile(r"/staff/assistance/\d+/$"))
    case_url = page.url

    call_command("send_12333_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115  (the nightly beat job)

    officer = login(street_officer, on=new_page())
    overdue = officer.locator("section.assistance-area")
    expect(overdue).to_contain_text("中心街街道 逾期案件")
    row = overdue.locator("tr", has_text="陈秀兰")
    expect(row).to_contain_text("光明路社区")
    expect(row).to_contain_text("街道工作人员")
    expect(officer.locator("body")).to_contain_text("12333 逾期上报街道：陈秀兰")
    snap(officer, "street-dashboard")
    row.get_by_role("link", name="陈秀兰").click()
    expect(officer).to_have_url(case_url)

    bureau = login(district_bureau, on=new_page())
    row = bureau.locator("section.assistance-area tr", has_text="陈秀兰")
    expect(row).to_contain_text("区（市）人社局")
    snap(bureau, "district-dashboard")
