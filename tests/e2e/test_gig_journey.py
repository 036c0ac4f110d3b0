"""Issue 21, "Done when": a household's cleaning job for this afternoon is
posted at the station, offered by text message (the outbox gateway) to the
two available residents nearby, taken by one on a phone without JavaScript
through the short link in the message, checked in and out with the job's QR
code, paid as the poster confirms on the page their own message links to,
seen on the station's day view and counted in the figures."""

import datetime as dt
import re
from urllib.parse import urlparse

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jobs.models import Gig, GigOffer, OfferState
from jobs.report_figures import compute_gigs
from stations.figures import Period
from stations.messaging.rules import QUIET_HOURS
from stations.models import OutboxTextMessage, PolicyParameterValue, TextConsent, TextMessage
from stations.services.messaging import text_message_send
from tests.factories.gigs import GigAvailabilityFactory
from tests.factories.residents import ResidentFactory

pytestmark = pytest.mark.e2e


def link_path(text: str) -> str:
    """The path of the short link in a message ([site]/g/<code>)."""
    return urlparse(re.search(r"https?://\S+/g/\w+", text).group(0)).path


def send_queued() -> None:
    """What the send task does for each queued message (no worker runs here)."""
    for pk in TextMessage.objects.filter(status="queued").values_list("pk", flat=True):
        text_message_send(message_id=pk)


def test_household_cleaning_job_is_filled_worked_and_paid_the_same_day(
    page, login, new_page, snap, settings, community, community_staff, city_bureau
):
    settings.PORTAL_TEXT_MESSAGE_GATEWAY = "stations.messaging.gateways.OutboxGateway"
    # The walk runs at any hour: no quiet hours, as on a working afternoon.
    PolicyParameterValue.objects.create(
        key=QUIET_HOURS, value={"start": "00:00", "end": "00:00"}, valid_from=dt.date(2000, 1, 1), set_by=city_bureau
    )
    for name in ("张阿姨", "李大姐"):
        resident = ResidentFactory(community=community, name=name, text_consent=TextConsent.GIVEN)
        GigAvailabilityFactory(resident=resident, registered_by=community_staff)
    household = ResidentFactory(community=community, name="王女士", text_consent=TextConsent.GIVEN)
    today = timezone.localdate()
    # This afternoon; after lunch, a slot later today: an offer is of no use
    # once the job has started (it expires then), and check-in is on the day.
    start, end = ("14:00", "17:00") if timezone.localtime().hour < 13 else ("23:30", "23:59")

    login(community_staff)
    page.goto("/staff/jobs/gigs/new/")
    page.select_option("#id_community", value=str(community.pk))
    page.fill("#id_household_id_number", household.id_number)
    page.fill("#id_title", "家庭保洁 三室一厅")
    page.select_option("#id_kind", value="cleaning")
    page.fill("#id_address", "幸福小区3号楼2单元501")
    page.fill("#id_date", today.isoformat())
    page.fill("#id_start_time", start)
    page.fill("#id_end_time", end)
    page.fill("#id_places", "1")
    page.fill("#id_pay", "30")
    page.select_option("#id_pay_unit", value="hour")
    page.fill("#id_bring", "抹布、橡胶手套")
    snap(page, "1-post-form")
    page.get_by_role("button", name="发布并派给附近居民").click()
    expect(page.locator(".messages")).to_contain_text("已派给附近 2 位居民")
    gig = Gig.objects.get()
    assert gig.poster_resident == household
    offers = list(GigOffer.objects.filter(gig=gig).select_related("resident"))
    assert len(offers) == 2
    send_queued()
    sent = {m.number: m for m in OutboxTextMessage.objects.filter(template="gig_offer")}
    assert set(sent) == {o.resident.mobile for o in offers}
    snap(page, "2-staff-gig-page")

    phone = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, java_script_enabled=False)
    phone.goto("/gigs/")
    expect(phone.locator("body")).to_contain_text("家庭保洁 三室一厅")
    snap(phone, "3-public-board-phone")
    offer = offers[0]
    phone.goto(link_path(sent[offer.resident.mobile].text))
    phone.get_by_role("button", name="接这份活").click()
    expect(phone.locator(".messages")).to_contain_text("接单成功")
    snap(phone, "4-accepted-phone")

    phone.goto(f"/gigs/check/{gig.check_token}/")
    phone.get_by_role("button", name="签到").click()
    expect(phone.locator(".messages")).to_contain_text("已签到")
    phone.goto(f"/gigs/check/{gig.check_token}/")
    phone.get_by_role("button", name="签退").click()
    expect(phone.locator(".messages")).to_contain_text("已签退")
    snap(phone, "5-checked-out-phone")
    assert GigOffer.objects.get(pk=offer.pk).state == OfferState.DONE

    poster = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, java_script_enabled=False)
    poster_message = OutboxTextMessage.objects.get(template="gig_poster_link", number=household.mobile)
    poster.goto(link_path(poster_message.text))
    poster.fill("input[name=amount]", "90")
    poster.get_by_role("button", name="确认报酬").click()
    expect(poster.locator("body")).to_contain_text("已付 90 元")
    snap(poster, "6-poster-confirmed-pay")

    page.goto("/staff/jobs/gigs/")
    row = page.locator("tr", has_text="家庭保洁 三室一厅")
    expect(row).to_contain_text("1/1")
    expect(row).to_contain_text(re.compile(r"(张阿姨|李大姐) \(已签退, 90\)"))
    snap(page, "7-station-day-view")

    values = compute_gigs(period=Period(today.replace(day=1), today, "now"), community_ids=[community.pk])[community.pk]
    assert (values["gigs_posted"], values["gigs_filled"], values["gig_worker_days"], values["gig_pay_confirmed"]) == (
        1,
        1,
        1,
        90,
    )
    # The worker was registered unemployed: counted as flexibly employed.
    assert values["gig_flexibly_employed"] == 1
