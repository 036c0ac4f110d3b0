"""Issue 4, "Done when" (first steps): an employer submits a vacancy on a
phone-sized screen (a mistake is explained and nothing typed is lost); community
staff approve it from the review queue; a resident finds it in the public
market filtered to their street."""

import re

import pytest
from playwright.sync_api import expect

from jobs.models import Posting, PostingStatus
from stations.validators import credit_code_check_char
from tests.e2e.helpers import select_containing
from tests.factories.jobs import PostingFactory, valid_credit_code

pytestmark = pytest.mark.e2e

CREDIT_CODE = valid_credit_code(80417)
WRONG_CREDIT_CODE = CREDIT_CODE[:17] + next(
    c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY" if c != credit_code_check_char(CREDIT_CODE[:17])
)


def test_employer_posts_a_vacancy_on_a_phone_staff_approve_and_residents_find_it(
    phone_page, page, login, snap, community, other_community, community_staff
):
    PostingFactory(
        employer__community=other_community, title="龙山路超市理货员", status=PostingStatus.PUBLISHED
    )  # another street's job, for the filter to leave out

    # --- the employer, on a phone, without an account ----------------------------
    employer = phone_page
    employer.goto("/jobs/")
    employer.get_by_role("link", name="用人单位：发布招聘").click()
    expect(employer).to_have_url(re.compile(r"/jobs/submit/$"))
    employer.fill("#id_employer_name", "枣庄市鑫源家政服务有限公司")
    employer.fill("#id_credit_code", WRONG_CREDIT_CODE)
    select_containing(employer, "#id_legal_form", "公司")
    employer.fill("#id_title", "家政保洁员")
    select_containing(employer, "#id_occupation_category", "家政服务")
    select_containing(employer, "#id_community", "光明路社区")
    employer.fill("#id_work_address", "光明路社区及周边小区")
    employer.fill("#id_headcount", "3")
    employer.fill("#id_salary_min", "3500")
    employer.fill("#id_salary_max", "4800")
    select_containing(employer, "#id_work_pattern", "全职")
    employer.fill("#id_working_hours", "8:00-17:00，月休4天")
    employer.fill("#id_description", "负责居民家庭日常保洁，公司统一培训，缴纳社保。")
    employer.fill("#id_contact_name", "刘女士")
    employer.fill("#id_contact_phone", "13906321234")
    employer.get_by_role("button", name="提交审核").click()

    # A wrong credit code is explained next to the field; everything typed is still there.
    expect(employer.get_by_role("alert")).to_be_visible()
    expect(employer.locator(".field.has-error")).to_contain_text("校验位")
    expect(employer.locator("#id_title")).to_have_value("家政保洁员")
    expect(employer.locator("#id_description")).to_have_value("负责居民家庭日常保洁，公司统一培训，缴纳社保。")
    expect(employer.locator("#id_contact_phone")).to_have_value("13906321234")
    snap(employer, "submit-error")
    assert employer.evaluate("document.documentElement.scrollWidth") <= 390

    employer.fill("#id_credit_code", CREDIT_CODE)
    employer.get_by_role("button", name="提交审核").click()
    expect(employer.locator("h1")).to_contain_text("谢谢")
    expect(employer.locator("body")).to_contain_text("家政保洁员")
    snap(employer, "submitted")
    posting = Posting.objects.get(title="家政保洁员")
    assert posting.status == PostingStatus.PENDING

    # Not public before review.
    employer.goto("/jobs/")
    expect(employer.locator("body")).not_to_contain_text("家政保洁员")

    # --- community staff approve it from the review queue -------------------------
    login(community_staff)
    page.goto("/staff/jobs/review/")
    page.get_by_role("link", name="家政保洁员").click()
    expect(page.locator("h1")).to_contain_text("家政保洁员")
    page.get_by_role("button", name="批准并发布").click()
    expect(page.locator("h1 small")).to_have_text(re.compile("已发布"))
    snap(page, "approved")

    # --- a resident finds it in the market filtered to their street ---------------
    resident = employer
    resident.goto("/jobs/")
    resident.locator("details.filters summary").click()
    select_containing(resident, "#id_street", "中心街街道")
    resident.get_by_role("button", name="查看岗位").click()
    expect(resident).to_have_url(re.compile(r"street="))
    cards = resident.locator("ul.cards > li")
    expect(cards.filter(has_text="家政保洁员")).to_have_count(1)
    expect(cards.filter(has_text="龙山路超市理货员")).to_have_count(0)
    snap(resident, "market-filtered")
    cards.filter(has_text="家政保洁员").get_by_role("link").first.click()
    expect(resident.locator("h1")).to_contain_text("家政保洁员")
    expect(resident.locator("body")).to_contain_text("13906321234")
