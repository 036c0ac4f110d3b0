"""Issue 19, "Done when" (the resident's own page): on a 390 px phone without
JavaScript a resident asks for a code, reads it from the outbox, signs in,
sees their record with identifiers masked, asks to change their job wishes
and stops text messages; community staff confirm the change from their
to-do and the record takes it."""

import re

import pytest
from playwright.sync_api import expect

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
