"""Issue 3, "Done when": community staff import a ledger with mistakes, see
each one with its row and column, correct them in the browser and import; find
a person by the last four digits of the phone; edit the record with a wrong ID
number and get the precise message with what they typed kept; a street officer
sees the person, another community's staff get 404; the district bureau's
audit log shows the opens and the changes."""

import datetime as dt
import io
import re

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from stations.models import Resident
from stations.validators import id_check_char
from tests.factories.residents import valid_id_number

pytestmark = pytest.mark.e2e

WANG = valid_id_number(birth=dt.date(1975, 3, 8), male=False, serial=11)
LI = valid_id_number(birth=dt.date(1968, 11, 2), male=True, serial=12)
ZHANG = valid_id_number(birth=dt.date(1990, 6, 30), male=True, serial=13)
LIU = valid_id_number(birth=dt.date(1985, 7, 12), male=False, serial=14)


def wrong_check_char(id_number: str) -> str:
    """The same 17 digits with a check character that does not fit them."""
    right = id_check_char(id_number[:17])
    wrong = next(c for c in "0123456789X" if c != right)
    return id_number[:17] + wrong


def ledger_with_mistakes() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "居民台账"
    sheet.append(["姓名", "身份证号", "手机号", "住址", "就业状态", "文化程度"])
    sheet.append(["王秀英", WANG, "13905328861", "光明路12号3单元201", "失业", "高中"])  # row 2: correct
    sheet.append(["李建国", wrong_check_char(LI), "13705321122", "光明路14号1单元101", "失业", "初中"])  # row 3
    sheet.append(["张伟", ZHANG, "1390532447", "光明路16号2单元502", "灵活就业", "大专"])  # row 4: 10 digits
    sheet.append(["刘芳", 370402198507120000, "15805329900", "光明路20号", "失业", "中专"])  # row 5
    sheet["B5"].number_format = "General"  # what Excel does to a long number: shows 3.70402E+17
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_community_staff_import_fix_find_edit_and_the_trail_is_audited(
    page, login, new_page, snap, community_staff, street_officer, other_community_staff, district_bureau, community
):
    # --- import a ledger with three mistakes --------------------------------------
    login(community_staff)
    page.goto("/staff/residents/import/")
    page.set_input_files(
        "#id_file",
        files=[
            {
                "name": "光明路社区台账.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": ledger_with_mistakes(),
            }
        ],
    )
    page.get_by_role("button", name="上传并检查").click()
    expect(page).to_have_url(re.compile(r"/staff/residents/import/\d+/$"))
    expect(page.get_by_role("alert")).to_contain_text("3")

    problems = page.locator("table.error-list tbody tr")
    expect(problems).to_have_count(3)
    expect(problems.nth(0)).to_contain_text(re.compile(r"3\s*身份证号\s*身份证号校验位错误"))
    expect(problems.nth(1)).to_contain_text(re.compile(r"4\s*手机号\s*手机号码为11位.*1390532447"))
    expect(problems.nth(2)).to_contain_text(re.compile(r"5\s*身份证号.*数字.*3\.70402E\+17.*末几位已丢失"))
    snap(page, "import-preview")

    # --- correct the three cells in the browser ---------------------------------
    page.fill("input[name=c-3-id_number]", LI)
    page.fill("input[name=c-4-mobile]", "13905324477")
    page.fill("input[name=c-5-id_number]", LIU)
    page.get_by_role("button", name="保存更正并重新检查").click()
    expect(page.locator(".message.success[role=status]")).to_contain_text("4")
    page.get_by_role("button", name="导入全部 4 行").click()
    expect(page.locator("main, body").first).to_contain_text("4")
    assert set(Resident.objects.filter(community=community).values_list("name", flat=True)) == {
        "王秀英",
        "李建国",
        "张伟",
        "刘芳",
    }
    assert Resident.objects.get(name="张伟").mobile == "13905324477"
    snap(page, "import-result")

    # --- find 王秀英 by the last four digits of her phone ------------------------
    page.goto("/staff/residents/")
    page.fill("#id_text", "8861")
    page.get_by_role("button", name="搜索", exact=True).click()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("王秀英")
    expect(rows.first).not_to_contain_text(WANG)  # masked in lists
    assert "8861" not in page.url  # the phone never travels in a URL
    rows.first.get_by_role("link", name="王秀英").click()
    expect(page.locator("h1")).to_contain_text("王秀英")
    expect(page.locator("main, body").first).to_contain_text(WANG)  # the record page shows it in full
    resident_url = page.url

    # --- edit with a wrong ID number: precise message, typed values kept ---------
    page.get_by_role("link", name=re.compile("编辑")).click()
    bad_id = wrong_check_char(WANG)
    page.fill("#id_id_number", bad_id)
    page.fill("#id_address", "光明路12号3单元202")
    page.get_by_role("button", name=re.compile("^保存")).first.click()
    right = id_check_char(WANG[:17])
    expected_message = f"身份证号校验位错误（末位为 {bad_id[-1]}，按前17位应为 {right}）"
    expect(page.locator("#form-errors")).to_contain_text(expected_message)
    expect(page.locator(".field.has-error")).to_contain_text(expected_message)  # next to the field too
    expect(page.locator("#id_id_number")).to_have_value(bad_id)
    expect(page.locator("#id_address")).to_have_value("光明路12号3单元202")
    snap(page, "edit-wrong-id")

    page.fill("#id_id_number", WANG)
    page.get_by_role("button", name=re.compile("^保存")).first.click()
    expect(page).to_have_url(resident_url)
    expect(page.locator("main, body").first).to_contain_text("光明路12号3单元202")

    # --- the street officer sees her; another community's staff get 404 ---------
    officer = login(street_officer, on=new_page())
    officer.goto(resident_url)
    expect(officer.locator("h1")).to_contain_text("王秀英")

    outsider = login(other_community_staff, on=new_page())
    response = outsider.goto(resident_url)
    assert response.status == 404
    expect(outsider.locator("body")).not_to_contain_text("王秀英")

    # --- the district bureau's audit log shows the opens and the change ---------
    bureau = login(district_bureau, on=new_page())
    bureau.goto("/staff/audit/")
    bureau.fill("#id_object", "王秀英")
    bureau.get_by_role("button", name="筛选").click()
    entries = bureau.locator("table.audit tbody tr")
    expect(entries.filter(has_text="查看完整记录").filter(has_text="cstaff")).not_to_have_count(0)
    expect(entries.filter(has_text="查看完整记录").filter(has_text="sofficer")).to_have_count(1)
    changed = entries.filter(has_text="修改").filter(has_text="cstaff")
    expect(changed).to_have_count(1)
    expect(changed).to_contain_text("光明路12号3单元201")
    expect(changed).to_contain_text("光明路12号3单元202")
    expect(entries.filter(has_text="cstaff-b")).to_have_count(0)  # the refused look opened nothing
    snap(bureau, "audit-log")

    bureau.goto("/staff/audit/")
    bureau.fill("#id_object", "光明路社区台账")
    bureau.get_by_role("button", name="筛选").click()
    expect(bureau.locator("table.audit tbody tr").filter(has_text="已导入")).to_have_count(1)
