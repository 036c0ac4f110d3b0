"""Issue 19, "A public help request": a resident on a 390 px phone, with
JavaScript off, asks their community for help (the district → community
choice by a button, a small sum); community staff see it on the dashboard,
answer it, and the answer is in the text message outbox."""

import re

import pytest
from playwright.sync_api import expect

from assistance.models import HelpRequest, HelpRequestStatus
from stations.models import OutboxTextMessage
from tests.e2e.helpers import select_containing

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _outbox_and_no_quiet_hours(settings, monkeypatch, city_bureau):
    import datetime as dt

    from stations.messaging.rules import QUIET_HOURS
    from stations.models import PolicyParameterValue

    settings.PORTAL_TEXT_MESSAGE_GATEWAY = "stations.messaging.gateways.OutboxGateway"
    PolicyParameterValue.objects.create(
        key=QUIET_HOURS, value={"start": "00:00", "end": "00:00"}, valid_from=dt.date(2000, 1, 1), set_by=city_bureau
    )
    # A person takes seconds over the form; the browser fills it at once.
    monkeypatch.setattr("assistance.forms_help.CHALLENGE_MIN_SECONDS", 0)


def _answer_the_sum(phone) -> None:
    label = phone.locator("label[for=id_answer]").inner_text()
    a, b = (int(n) for n in re.findall(r"\d+", label)[:2])
    phone.fill("#id_answer", str(a + b))


def test_a_resident_asks_for_help_on_a_phone_and_staff_answer_by_text(
    phone_page_no_js, page, login, snap, community, sibling_community, community_staff
):
    phone = phone_page_no_js

    # --- the resident, on a phone, no account, no JavaScript ----------------------
    phone.goto("/")
    phone.locator("main").get_by_role("link", name=re.compile("我要求助")).click()
    expect(phone).to_have_url(re.compile(r"/assistance/$"))
    phone.fill("#id_name", "赵秀英")
    select_containing(phone, "#id_district", "市中区")
    phone.get_by_role("button", name="列出社区").click()
    # The same form again, with the district's communities and the name kept.
    expect(phone.locator("#id_name")).to_have_value("赵秀英")
    select_containing(phone, "#id_community", "光明路社区")
    phone.get_by_label("找工作").check()
    phone.fill("#id_mobile", "139 0632 0001")
    phone.fill("#id_note", "想找离家近、能接送孩子的工作")
    phone.get_by_label("同意以短信答复我").check()
    phone.fill("#id_answer", "999")
    phone.get_by_role("button", name="提交申请").click()

    # A wrong sum is explained, everything typed is still there, a new question is asked.
    expect(phone.locator(".field.has-error")).to_contain_text("答案不对")
    expect(phone.locator("#id_note")).to_have_value("想找离家近、能接送孩子的工作")
    expect(phone.locator("#id_mobile")).to_have_value("139 0632 0001")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    _answer_the_sum(phone)
    phone.get_by_role("button", name="提交申请").click()

    expect(phone.get_by_role("heading", name="您的求助已提交")).to_be_visible()
    request = HelpRequest.objects.get()
    expect(phone.locator("main")).to_contain_text(request.reference)
    expect(phone.locator("main")).not_to_contain_text("13906320001")
    snap(phone, "help-request-sent")

    # --- community staff: the to-do on the dashboard, the answer ---------------------
    login(community_staff)
    page.goto("/staff/")
    panel = page.locator("section.help-requests")
    expect(panel).to_contain_text(request.reference)
    panel.get_by_role("link", name=request.reference).click()
    expect(page.locator("main")).to_contain_text("13906320001")
    page.fill("#id_reply", "请周三上午来驿站面谈")
    page.fill("#id_phone", "0632-3311234")
    page.get_by_role("button", name=re.compile("发送答复")).click()
    expect(page.locator("main")).to_contain_text("已答复")
    snap(page, "help-request-answered")

    request.refresh_from_db()
    assert request.status == HelpRequestStatus.ANSWERED
    # The answer is in the outbox, by the approved template.
    sent = OutboxTextMessage.objects.get()
    assert sent.number == "13906320001" and sent.template == "help_request_answer"
    assert "请周三上午来驿站面谈" in sent.text and request.reference in sent.text
