"""Issue 15, "Done when": a below-minimum job cannot be published by any role.
An employer on a phone is told at once what the law forbids, beside the field,
and keeps what was typed; a community account's 1,000-1,200 yuan/month draft
cannot be published, note or not, by the community or the street; the review
queue and the posting page read in Chinese, with no raw code."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from jobs.models import Posting, PostingStatus
from jobs.services import posting_save
from tests.factories.jobs import EmployerFactory, valid_credit_code

pytestmark = pytest.mark.e2e

RAW_CODES = re.compile(r"household_registration|below_minimum_wage|marital_status|age_limit|part_time_pay_unit")


def test_employer_is_told_what_the_law_forbids_and_fixes_it(phone_page, snap, community):
    page = phone_page
    page.goto("/jobs/submit/")
    page.fill("#id_employer_name", "光明路好邻居超市")
    page.fill("#id_credit_code", valid_credit_code(4242))
    page.fill("#id_title", "理货员")
    page.select_option("#id_occupation_category", value="retail")
    page.select_option("#id_community", value=str(community.pk))
    page.fill("#id_salary_min", "1000")
    page.fill("#id_salary_max", "1200")
    page.select_option("#id_pay_unit", value="month")
    page.select_option("#id_work_pattern", value="full_time")
    page.fill("#id_requirements", "本地户口优先，吃苦耐劳")
    page.fill("#id_contact_name", "刘店长")
    page.fill("#id_contact_phone", "13863201234")
    page.get_by_role("button", name="提交审核").click()

    expect(page.locator(".has-error", has=page.locator("#id_salary_min"))).to_contain_text("低于本地最低标准 2100")
    expect(page.locator(".has-error", has=page.locator("#id_requirements"))).to_contain_text("本地户口")
    expect(page.locator("#id_requirements")).to_have_value("本地户口优先，吃苦耐劳")
    expect(page.locator("body")).not_to_contain_text(RAW_CODES)
    snap(page, "refused-beside-the-fields")
    assert Posting.objects.count() == 0

    page.fill("#id_salary_min", "2800")
    page.fill("#id_salary_max", "3500")
    page.fill("#id_requirements", "吃苦耐劳")
    page.get_by_role("button", name="提交审核").click()
    expect(page).to_have_url(re.compile(r"/jobs/submit/thanks/$"))
    assert Posting.objects.get().status == PostingStatus.PENDING


def test_no_role_can_publish_pay_below_the_minimum(
    page, login, new_page, snap, community, community_staff, street_officer
):
    today = dt.date.today()
    draft = Posting(
        employer=EmployerFactory(community=community),
        community=community,
        title="超市理货员",
        occupation_category="retail",
        salary_min=1000,
        salary_max=1200,
        pay_unit="month",
        work_pattern="full_time",
        requirements="限女性，未婚，35岁以下",
        valid_from=today,
        valid_until=today + dt.timedelta(days=30),
        contact_name="刘店长",
        contact_phone="13863201234",
        status=PostingStatus.PENDING,
    )
    posting_save(actor=community_staff, posting=draft)

    login(community_staff)
    page.goto("/staff/jobs/review/")
    queue = page.locator("table")
    expect(queue).to_contain_text("超市理货员")
    expect(queue).to_contain_text("低于最低工资")
    expect(queue).to_contain_text("性别限制")
    expect(page.locator("body")).not_to_contain_text(RAW_CODES)
    snap(page, "review-queue")

    page.get_by_role("link", name="超市理货员").click()
    expect(page.locator("ul.flags")).to_contain_text("不能发布")
    expect(page.locator("ul.flags")).to_contain_text("须审核人员填写理由")  # the age limit
    expect(page.get_by_role("button", name=re.compile("发布"))).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text(RAW_CODES)
    snap(page, "posting-cannot-be-published")

    # Even a hand-made POST with a note is refused, for the street officer too.
    street = login(street_officer, on=new_page())
    street.goto(f"/staff/jobs/postings/{draft.pk}/")
    street.evaluate(
        """(pk) => { const f = document.createElement('form'); f.method = 'post';
        f.action = `/staff/jobs/postings/${pk}/publish/`;
        for (const [k, v] of [['note', '街道核实过'],
             ['csrfmiddlewaretoken', document.querySelector('[name=csrfmiddlewaretoken]').value]]) {
          const i = document.createElement('input'); i.name = k; i.value = v; f.appendChild(i); }
        document.body.appendChild(f); f.submit(); }""",
        draft.pk,
    )
    street.wait_for_load_state()
    expect(street.get_by_role("alert").first).to_contain_text("任何人都不能发布")
    snap(street, "street-officer-refused")
    draft.refresh_from_db()
    assert draft.status == PostingStatus.PENDING
