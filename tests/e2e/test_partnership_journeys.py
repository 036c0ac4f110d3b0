"""Issue 10, "Done when", tried as a new user would:

1. a community records a joint meeting with two partners and a commitment of
   posts; the posts are published and filled, and the commitment shows as done;
2. a labour cooperative takes a cleaning project and three older residents are
   placed on it, which shows in their histories and in the community workbook;
3. a district allocates funds to a community, the community records spending,
   and an overspend is refused with a clear message.

The partnership pages are translated once, at the end, by the lead: until then
their strings would show in English inside the Chinese pages, and afterwards in
Chinese. So these journeys switch the page to English with the language switch
first, as a user may, and read the English wording, which does not move. Only
the region, the staff accounts, residents and an employer are made with
factories: everything else is typed into the pages.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook
from playwright.sync_api import expect

from partnerships.models import Commitment, CommitmentStatus, FundSpending, ProjectPlacement
from partnerships.report_figures.cooperatives import SOURCE as COOPERATIVE_FIGURES
from tests.e2e.helpers import select_containing
from tests.factories.jobs import EmployerFactory
from tests.factories.residents import ResidentFactory, valid_id_number

pytestmark = pytest.mark.e2e


def in_english(page):
    """Switch the UI language with the switch in the page header."""
    page.select_option("#lang-select", "en")
    page.locator("form.lang button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", re.compile("^en"))
    return page


def save(page, name=re.compile(r"^Save")):
    page.get_by_role("button", name=name).click()


def test_a_joint_meeting_commitment_of_posts_is_done_once_its_posting_is_filled(
    page, login, snap, community, community_staff
):
    employer = EmployerFactory(community=community, name="枣庄市鑫源物业服务有限公司")
    residents = [
        ResidentFactory(community=community, name="赵红梅", education="junior"),
        ResidentFactory(community=community, name="钱立新", education="junior"),
    ]
    today = timezone.localdate()

    in_english(login(community_staff))

    # --- two partners join the community's circle -----------------------------------
    page.goto("/staff/partners/partners/new/")
    page.fill("#id_name", "鑫源物业")
    page.select_option("#id_kind", label="Enterprise")
    page.check("#id_offers_vacancies")
    select_containing(page, "#id_employer", "鑫源物业服务有限公司")
    page.fill("#id_contact_name", "刘经理")
    save(page)
    expect(page).to_have_url(re.compile(r"/staff/partners/partners/\d+/$"))
    page.goto("/staff/partners/partners/new/")
    page.fill("#id_name", "农商银行光明路支行")
    page.select_option("#id_kind", label="Bank branch")
    page.check("#id_offers_policy_publicity")
    save(page)
    expect(page).to_have_url(re.compile(r"/staff/partners/partners/\d+/$"))

    # --- the joint meeting, with a commitment of two posts ------------------------------
    page.goto("/staff/partners/meetings/new/")
    expect(page.locator("#id_held_on")).to_have_value(today.isoformat())
    page.fill("#id_topic", "第四季度就业联席会议")
    page.fill("#id_chaired_by", "社区党委书记 王建国")
    page.fill("#id_place", "光明路社区党群服务中心")
    page.select_option("#id_partners", label=["鑫源物业", "农商银行光明路支行"])
    page.fill("#id_minutes", "鑫源物业承诺年底前提供两个保洁岗位；农商银行协助政策宣传。")
    row = page.locator("table.formset tbody tr").first
    row.locator("select[name='commitments-0-partner']").select_option(label="鑫源物业")
    row.locator("select[name='commitments-0-kind']").select_option(label="Job posts")
    row.locator("input[name='commitments-0-description']").fill("2 个保洁岗位")
    row.locator("input[name='commitments-0-posts_promised']").fill("2")
    row.locator("input[name='commitments-0-due_on']").fill((today + dt.timedelta(days=35)).isoformat())
    save(page)
    expect(page).to_have_url(re.compile(r"/staff/partners/meetings/\d+/$"))
    expect(page.locator("dl.facts")).to_contain_text("鑫源物业")
    expect(page.locator("dl.facts")).to_contain_text("农商银行光明路支行")
    snap(page, "meeting")
    page.get_by_role("link", name="2 个保洁岗位").click()
    expect(page).to_have_url(re.compile(r"/staff/partners/commitments/\d+/$"))
    commitment_url = page.url
    expect(page.locator("h1 small")).to_have_text("In progress")

    # --- the partner's posting is published ------------------------------------------------
    page.goto("/staff/jobs/postings/new/")
    select_containing(page, "#id_employer", "鑫源物业服务有限公司")
    page.fill("#id_title", "小区保洁员")
    page.select_option("#id_occupation_category", value="cleaning_security")
    select_containing(page, "#id_community", "光明路社区")
    page.fill("#id_work_address", "光明路社区各小区")
    page.fill("#id_headcount", "2")
    page.fill("#id_salary_min", "2600")
    page.fill("#id_salary_max", "3000")
    page.select_option("#id_work_pattern", value="full_time")
    page.fill("#id_working_hours", "7:00-16:00")
    page.fill("#id_description", "负责小区公共区域保洁，缴纳社保。")
    page.fill("#id_contact_name", "刘经理")
    page.fill("#id_contact_phone", "13863201234")
    save(page)
    expect(page).to_have_url(re.compile(r"/staff/jobs/postings/\d+/$"))
    page.get_by_role("button", name=re.compile("^(Publish|Approve and publish)$")).click()
    expect(page.locator("h1 small")).to_have_text("Published")

    # --- and linked to the commitment on its page ----------------------------------------
    page.goto(commitment_url)
    select_containing(page, "#id_postings", "小区保洁员")
    page.get_by_role("button", name="Link the chosen postings").click()
    linked = page.locator("table", has_text="People wanted").locator("tbody")
    expect(linked).to_contain_text("小区保洁员")
    expect(linked).to_contain_text(employer.name)
    expect(page.locator("h1 small")).to_have_text("In progress")

    # --- two residents are recommended and hired ---------------------------------------------
    for resident in residents:
        page.goto(f"/staff/jobs/residents/{resident.pk}/matches/")
        match = page.locator("tbody tr", has_text="小区保洁员")
        match.get_by_role("button", name="Recommend").click()
        expect(page).to_have_url(re.compile(r"/staff/jobs/recommendations/\d+/$"))
        expect(page.locator("h1")).to_contain_text(resident.name)
        hire = page.locator("form", has=page.get_by_role("button", name="Hired"))
        expect(hire.locator("input[name=started_on]")).to_have_value(today.isoformat())
        hire.locator("input[name=contract_months]").fill("12")
        hire.get_by_role("button", name="Hired").click()
        expect(page.locator("h1 small")).to_have_text("Hired")

    # --- the commitment now shows as done ------------------------------------------------------
    page.goto(commitment_url)
    expect(page.locator("h1 small")).to_have_text("✓ Done")
    expect(page.locator("dl.facts")).to_contain_text("2 / 2")
    hires = page.locator("table", has_text="Start date").locator("tbody tr")
    expect(hires).to_have_count(2)
    for resident in residents:
        expect(hires.filter(has_text=resident.name)).to_have_count(1)
        expect(hires.filter(has_text=resident.id_number)).to_have_count(0)  # masked
    snap(page, "commitment-done")
    commitment = Commitment.objects.get()
    assert commitment.status == CommitmentStatus.DONE and commitment.closed_on == today


def test_a_cooperative_places_three_older_residents_on_a_cleaning_project_seen_in_histories_and_the_workbook(
    page, login, snap, tmp_path, community, community_staff
):
    today = timezone.localdate()
    older = [
        ResidentFactory(
            community=community,
            name="孙桂兰",
            id_number=valid_id_number(birth=dt.date(1972, 3, 8), male=False),
        ),
        ResidentFactory(
            community=community,
            name="李秀英",
            id_number=valid_id_number(birth=dt.date(1969, 9, 15), male=False),
        ),
        ResidentFactory(
            community=community,
            name="周德福",
            id_number=valid_id_number(birth=dt.date(1966, 5, 2), male=True),
        ),
    ]

    in_english(login(community_staff))

    # --- the labour cooperative and its cleaning project ---------------------------------------
    page.goto("/staff/partners/organisations/new/")
    page.select_option("#id_kind", label="Labour cooperative")
    page.fill("#id_name", "光明路社区劳务合作社")
    expect(page.locator("#id_community option:checked")).to_contain_text("光明路社区")
    page.fill("#id_founded_on", (today - dt.timedelta(days=400)).isoformat())
    page.fill("#id_contact_name", "张主任")
    page.check("#id_offers_outsourcing")
    save(page)
    expect(page).to_have_url(re.compile(r"/staff/partners/organisations/\d+/$"))

    page.goto("/staff/partners/projects/new/")
    select_containing(page, "#id_organisation", "光明路社区劳务合作社")
    page.select_option("#id_kind", label="Green space and cleaning")
    page.fill("#id_title", "光明路片区绿化保洁")
    page.fill("#id_client", "市中区城市管理局")
    page.fill("#id_starts_on", today.replace(day=1).isoformat())
    page.fill("#id_ends_on", (today + dt.timedelta(days=365)).isoformat())
    page.fill("#id_value", "180000")
    page.fill("#id_posts", "3")
    save(page)
    expect(page).to_have_url(re.compile(r"/staff/partners/projects/\d+/$"))
    project_url = page.url

    # --- three older residents placed on it through the project page ---------------------------
    place = page.locator("#place")
    for resident in older:
        candidate = place.locator("tbody tr", has_text=resident.name)
        expect(candidate).to_contain_text("Older worker")  # the priority the plan asks for
        candidate.locator("input[type=radio]").check()
        expect(place.locator("#id_started_on")).to_have_value(today.isoformat())
        place.locator("#id_post").fill("保洁员")
        place.locator("#id_employment_status").select_option(value="employed")
        place.get_by_role("button", name=re.compile("^Place the resident")).click()
        expect(page).to_have_url(re.compile(re.escape(project_url)))
        expect(page.locator("ul.messages")).to_contain_text(resident.name)

    working = page.locator("section[aria-labelledby=working-h] tbody tr")
    expect(working).to_have_count(3)
    expect(page.locator("dl.facts")).to_contain_text("3 / 3")
    expect(page.locator("dl.facts")).to_contain_text("All posts filled")
    for resident in older:
        expect(working.filter(has_text=resident.name)).to_contain_text(resident.masked_id_number)
    snap(page, "project-filled")

    # --- each resident's record shows the placement in the employment history ----------------
    for resident in older:
        working.filter(has_text=resident.name).get_by_role("link", name=resident.name).click()
        history = page.locator("#employment table").first
        expect(history.locator("tbody tr", has_text="光明路片区绿化保洁")).to_contain_text("Employed")
        expect(page.locator("section[aria-labelledby=basic-h] dl.facts")).to_contain_text("Employed")
        page.go_back()
    assert ProjectPlacement.objects.filter(ended_on__isnull=True).count() == 3

    # --- the community workbook counts three placements on the cooperatives sheet -----------
    period = f"{today:%Y-%m}"
    page.goto("/reports/")
    expect(page.locator("#id_node option:checked")).to_have_text("光明路社区")
    page.fill("#id_period", period)
    page.get_by_role("button", name="Build workbook").click()
    expect(page).to_have_url(re.compile(r"/reports/\d+/$"))
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the workbook").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    snap(page, "workbook")

    workbook = load_workbook(saved, read_only=True)
    # The sheet and column names depend on the language the workbook was built in.
    placements = COOPERATIVE_FIGURES.figures[[f.key for f in COOPERATIVE_FIGURES.figures].index("coop_placements")]
    older_placed = next(f for f in COOPERATIVE_FIGURES.figures if f.key == "coop_placed_older_workers")
    sheet_titles, labels, older_labels, totals = set(), set(), set(), set()
    for language in ("en", "zh-hans"):
        with translation.override(language):
            sheet_titles.add(str(COOPERATIVE_FIGURES.sheet)[:31])
            labels.add(str(placements.label))
            older_labels.add(str(older_placed.label))
            totals.add(translation.gettext("Total"))
    sheet = next(ws for ws in workbook.worksheets if ws.title in sheet_titles)
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = rows[1]
    total = next(row for row in rows[2:] if row and row[0] in totals)
    column = next(i for i, text in enumerate(header) if text in labels)
    older_column = next(i for i, text in enumerate(header) if text in older_labels)
    assert total[column] == 3, rows
    assert total[older_column] == 3, rows


def test_a_district_allocates_funds_the_community_spends_and_an_overspend_is_refused_keeping_the_form(
    page, login, new_page, snap, community, community_staff, district_bureau
):
    today = timezone.localdate()

    # --- the district allocates 20,000 yuan to the community -------------------------------------
    district = in_english(login(district_bureau, on=new_page()))
    district.goto("/staff/partners/funds/new/")
    select_containing(district, "#id_community", "光明路社区")
    expect(district.locator("#id_year")).to_have_value(str(today.year))
    district.fill("#id_title", "2026年就业补助资金直补社区")
    district.fill("#id_document_number", "市中人社发〔2026〕18号")
    district.fill("#id_amount", "20000")
    district.get_by_role("button", name=re.compile("^Allocate")).click()
    expect(district).to_have_url(re.compile(r"/staff/partners/funds/\d+/$"))
    expect(district.locator("section.counts")).to_contain_text("¥20,000.00")

    # --- the community finds it and records spending -----------------------------------------------
    in_english(login(community_staff))
    page.goto("/staff/partners/funds/")
    page.get_by_role("link", name="2026年就业补助资金直补社区").click()
    page.get_by_role("link", name=re.compile("^Record spending")).click()
    page.select_option("#id_category", label="Job fairs and recruitment events")
    expect(page.locator("#id_spent_on")).to_have_value(today.isoformat())
    page.fill("#id_amount", "15000")
    page.fill("#id_payee", "枣庄市会展服务中心")
    page.fill("#id_purpose", "11月社区专场招聘会场地")
    page.fill("#id_voucher_number", "PZ-2026-031")
    page.get_by_role("button", name=re.compile("^Record Alt")).click()
    expect(page).to_have_url(re.compile(r"/staff/partners/funds/\d+/$"))
    balance = page.locator("section.counts div", has_text="Balance")
    expect(balance.locator("dd")).to_have_text("¥5,000.00")
    expect(page.locator("table", has_text="Voucher number").locator("tbody")).to_contain_text("11月社区专场招聘会场地")

    # --- spending past the balance is refused with a clear message; nothing typed is lost ------
    page.get_by_role("link", name=re.compile("^Record spending")).click()
    page.select_option("#id_category", label="Training")
    page.fill("#id_amount", "6000")
    page.fill("#id_payee", "枣庄市职业培训学校")
    page.fill("#id_purpose", "家政服务员培训两期")
    page.fill("#id_voucher_number", "PZ-2026-032")
    page.get_by_role("button", name=re.compile("^Record Alt")).click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("¥6,000.00 exceeds the balance of ¥5,000.00")
    expect(alert).to_contain_text("Ask the district for an approved adjustment first.")
    expect(page.locator("#id_amount")).to_have_value("6000")
    expect(page.locator("#id_category")).to_have_value("training")
    expect(page.locator("#id_payee")).to_have_value("枣庄市职业培训学校")
    expect(page.locator("#id_purpose")).to_have_value("家政服务员培训两期")
    expect(page.locator("#id_voucher_number")).to_have_value("PZ-2026-032")
    snap(page, "overspend-refused")
    assert FundSpending.objects.count() == 1

    # The district sees the same balance.
    district.reload()
    expect(district.locator("section.counts div", has_text="Balance").locator("dd")).to_have_text("¥5,000.00")
