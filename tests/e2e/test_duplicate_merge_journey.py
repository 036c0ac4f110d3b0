"""Issue 15, "One person is one record", tried as its users would: community
staff type a person's ID number with full-width digits and are led to the
record already registered; a street officer finds two records of one
person on the possible-duplicates list and merges them with the keyboard
(the services move, the old address leads to the kept record); the district
bureau undoes the merge, and the audit log shows both."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from stations.models import Resident
from tests.factories import ResidentFactory, ServiceRecordFactory, valid_id_number

pytestmark = pytest.mark.e2e

BIRTH = dt.date(1975, 3, 8)
ID_KEPT = valid_id_number(birth=BIRTH, male=False, serial=11)
ID_TYPO = valid_id_number(birth=BIRTH, male=False, serial=12)
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def test_full_width_id_finds_the_person_then_a_street_officer_merges_and_the_district_undoes(
    page, login, new_page, snap, community, sibling_community, community_staff, street_officer, district_bureau
):
    kept = ResidentFactory(community=community, name="王秀英", id_number=ID_KEPT, mobile="13905328861")
    typo = ResidentFactory(community=community, name="王秀英", id_number=ID_TYPO, mobile="13905328861")
    ServiceRecordFactory(resident=typo, staff=community_staff, note="上门走访：想学家政")

    # --- community staff type the ID number with full-width digits ------------------
    login(community_staff)
    page.goto("/staff/residents/new/")
    page.fill("#id_name", "王秀英")
    page.fill("#id_id_number", ID_KEPT.translate(FULL_WIDTH))
    page.fill("#id_mobile", "１３９０５３２８８６１")
    page.get_by_role("button", name=re.compile("^保存")).first.click()
    error = page.locator(".has-error", has=page.locator("#id_id_number"))
    expect(error).to_contain_text("光明路社区")
    expect(page.locator("#id_id_number")).to_have_value(ID_KEPT.translate(FULL_WIDTH))
    snap(page, "full-width-id-finds-the-person")
    assert Resident.objects.filter(name="王秀英").count() == 2
    page.get_by_role("link", name=re.compile("^打开记录")).click()
    expect(page).to_have_url(re.compile(rf"/staff/residents/{kept.pk}/$"))

    # --- the street officer merges the two records ------------------------------------
    officer = login(street_officer, on=new_page())
    officer.get_by_role("link", name="疑似重复").first.click()
    expect(officer.locator("h1")).to_contain_text("疑似重复")
    row = officer.locator("table.duplicates tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("姓名、出生日期和手机号相同")
    expect(row).to_contain_text(kept.masked_id_number)
    expect(row).not_to_contain_text(ID_KEPT)
    snap(officer, "duplicates-list")
    row.get_by_role("link", name="比较并合并").click()
    expect(officer.locator("h1")).to_contain_text("合并两条记录")
    # The older record is proposed; the officer confirms with the keyboard.
    expect(officer.locator(f"input[name=keep][value='{typo.pk}']")).to_be_checked()
    officer.locator(f"input[name=keep][value='{kept.pk}']").check()
    officer.keyboard.press("Tab")
    officer.locator("#id_note").focus()
    officer.keyboard.type("身份证号录错两位，同一人")
    snap(officer, "merge-compare")
    officer.keyboard.press("Enter")
    expect(officer).to_have_url(re.compile(rf"/staff/residents/{kept.pk}/$"))
    expect(officer.locator("body")).to_contain_text("记录已合并")
    expect(officer.locator("body")).to_contain_text("上门走访：想学家政")  # the service moved
    officer.goto(f"/staff/residents/{typo.pk}/")
    expect(officer).to_have_url(re.compile(rf"/staff/residents/{kept.pk}/$"))
    expect(officer.locator("body")).to_contain_text("该记录已并入本记录")

    # --- the district bureau undoes it ------------------------------------------------
    bureau = login(district_bureau, on=new_page())
    bureau.goto("/staff/residents/merges/")
    merge_row = bureau.locator("tbody tr", has_text="王秀英")
    expect(merge_row).to_contain_text("服务台账 1")
    merge_row.get_by_label("撤销原因").fill("经核实不是同一人")
    snap(bureau, "merges-before-undo")
    merge_row.get_by_role("button", name="撤销合并").click()
    expect(bureau.locator("body")).to_contain_text("合并已撤销")
    expect(bureau.locator("tbody tr", has_text="王秀英")).to_contain_text("经核实不是同一人")
    typo.refresh_from_db()
    assert typo.services.count() == 1 and typo.merged_into_id is None

    bureau.goto("/staff/audit/")
    expect(bureau.locator("body")).to_contain_text("合并重复记录")
    expect(bureau.locator("body")).to_contain_text("撤销合并")
    snap(bureau, "audit-log")
