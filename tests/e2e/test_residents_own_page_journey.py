"""Issue 19, "Done when" (the resident's own page): on a 390 px phone without
JavaScript a resident asks for a code, reads it from the outbox, signs in,
sees their record with identifiers masked, asks to change their job wishes
and stops text messages; community staff confirm the change from their
to-do and the record takes it."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jobs.models import Gig, GigAvailability, GigOffer
from stations.models import OutboxTextMessage, Resident, TextConsent
from tests.factories import ResidentFactory

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def outbox(settings):
    settings.PORTAL_TEXT_MESSAGE_GATEWAY = "stations.messaging.gateways.OutboxGateway"


def test_a_resident_signs_in_by_code_asks_for_a_change_and_opts_out_staff_confirm(
    phone_page_no_js, page, login, snap, community, community_staff
):
    resident = ResidentFactory(community=community, name="王芳", mobile="13912345678", text_consent=TextConsent.GIVEN)
    phone = phone_page_no_js

    # --- the resident, on a phone ----------------------------------------------------
    phone.goto("/me/")
    expect(phone).to_have_url(re.compile(r"/me/sign-in/$"))
    phone.fill("#id_mobile", "139 1234 5678")
    phone.get_by_role("button", name="获取验证码").click()
    expect(phone).to_have_url(re.compile(r"/me/sign-in/code/$"))
    expect(phone.locator("body")).to_contain_text("139****5678")
    code = OutboxTextMessage.objects.get(number="13912345678", template="sign_in_code").params["code"]
    phone.fill("#id_code", code)
    phone.get_by_role("button", name="登录").click()

    expect(phone.locator("h1")).to_have_text("我的页面")
    expect(phone.locator("body")).to_contain_text(resident.masked_id_number)
    expect(phone.locator("body")).not_to_contain_text(resident.id_number)
    snap(phone, "record")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    phone.get_by_role("link", name="修改我的信息").click()
    phone.select_option("#id_wants_training", "true")
    phone.fill("#id_wanted_course_types", "电工")
    phone.get_by_role("button", name="提交修改").click()
    expect(phone.locator(".messages")).to_contain_text("已提交")
    resident.refresh_from_db()
    assert resident.wants_training is None  # waits for staff

    phone.get_by_role("button", name="不再给我发送短信").click()
    expect(phone.locator(".messages")).to_contain_text("不再向您发送短信")
    assert Resident.objects.get(pk=resident.pk).text_consent == TextConsent.WITHDRAWN
    snap(phone, "opted-out")

    # --- community staff confirm the change from the dashboard ---------------------------
    login(community_staff)
    page.goto("/staff/")
    page.get_by_role("link", name=re.compile("1项修改待确认")).click()
    expect(page.locator("body")).to_contain_text("王芳")
    expect(page.locator("body")).to_contain_text("电工")
    snap(page, "staff-to-do")
    page.get_by_role("button", name="确认并更新").click()
    expect(page.locator(".messages")).to_contain_text("王芳")

    resident.refresh_from_db()
    assert resident.wants_training is True
    assert resident.wanted_course_types == "电工"


def _sign_in(phone, resident) -> None:
    phone.goto("/me/sign-in/")
    phone.fill("#id_mobile", resident.mobile)
    phone.get_by_role("button", name="获取验证码").click()
    code = OutboxTextMessage.objects.filter(number=resident.mobile, template="sign_in_code").latest("pk")
    phone.fill("#id_code", code.params["code"])
    phone.get_by_role("button", name="登录").click()
    expect(phone.locator("h1")).to_have_text("我的页面")


def test_a_resident_registers_for_odd_work_and_a_household_posts_a_cleaning_job_for_this_afternoon(
    phone_page_no_js, new_page, snap, community
):
    """Issue 21 on the resident's own page: on a phone without JavaScript a
    resident says which odd work they take (saved at once, no staff step); a
    household resident posts a cleaning job for this afternoon from their page;
    the job is offered to the first, who sees it on their page, and the poster
    sees it with a link to its page."""
    worker = ResidentFactory(community=community, name="张阿姨", mobile="13912345678")
    household = ResidentFactory(
        community=community, name="王女士", mobile="13987654321", text_consent=TextConsent.GIVEN
    )
    today = timezone.localdate()
    # This afternoon; after lunch, a slot later today (posting for a past day is refused).
    start, end = ("14:00", "17:00") if timezone.localtime().hour < 13 else ("23:30", "23:59")

    # --- a resident takes odd work ------------------------------------------------------
    phone = phone_page_no_js
    _sign_in(phone, worker)
    phone.get_by_role("link", name="登记我能做的零工").click()
    phone.get_by_label("保洁", exact=True).check()
    for day in ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"):
        phone.get_by_label(day, exact=True).check()  # every day: the walk runs on any day
    phone.get_by_label("3 公里", exact=True).check()
    phone.get_by_label("用短信给我发零工派单").check()
    snap(phone, "odd-work-form")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_role("button", name="保存").click()
    expect(phone.locator(".messages")).to_contain_text("已保存")
    expect(phone.locator("#gigs-h + h3 + dl")).to_contain_text("保洁")
    availability = GigAvailability.objects.get(resident=worker)
    assert availability.active and availability.registered_by is None
    assert Resident.objects.get(pk=worker.pk).text_consent == TextConsent.GIVEN

    # --- a household posts a cleaning job for this afternoon ---------------------------------
    poster = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, java_script_enabled=False)
    _sign_in(poster, household)
    poster.get_by_role("link", name="为我家发布零工").click()
    poster.fill("#id_title", "家庭保洁 三室一厅")
    poster.select_option("#id_kind", value="cleaning")
    poster.fill("#id_address", "幸福小区3号楼2单元501")
    poster.fill("#id_date", today.isoformat())
    poster.fill("#id_start_time", start)
    poster.fill("#id_end_time", end)
    poster.fill("#id_places", "1")
    poster.fill("#id_pay", "10")  # below the hourly minimum: refused, what was typed kept
    poster.fill("#id_bring", "抹布、橡胶手套")
    poster.get_by_role("button", name="发布并派给附近居民").click()
    expect(poster.locator(".errors").first).to_contain_text("最低")
    expect(poster.locator("#id_title")).to_have_value("家庭保洁 三室一厅")
    snap(poster, "gig-post-refused")
    poster.fill("#id_pay", "30")
    poster.get_by_role("button", name="发布并派给附近居民").click()
    expect(poster.locator(".messages")).to_contain_text("已派给附近 1 位居民")
    expect(poster.locator("body")).to_contain_text("家庭保洁 三室一厅")
    snap(poster, "gig-posted")
    gig = Gig.objects.get()
    assert (gig.poster_resident, gig.posted_by) == (household, None)

    # --- the job reaches the resident who takes odd work --------------------------------------
    offer = GigOffer.objects.get(gig=gig)
    assert offer.resident == worker
    phone.goto("/me/")
    expect(phone.locator("body")).to_contain_text("家庭保洁 三室一厅")
    phone.get_by_role("link", name="家庭保洁 三室一厅").click()
    phone.get_by_role("button", name="接这份活").click()
    expect(phone.locator(".messages")).to_contain_text("接单成功")
    poster.goto("/me/")
    expect(poster.locator("body")).to_contain_text("张*")
    poster.get_by_role("link", name="打开这份活的页面").click()
    expect(poster.locator("body")).to_contain_text("张阿姨")
    snap(poster, "poster-page")
