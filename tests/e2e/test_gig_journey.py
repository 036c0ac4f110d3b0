"""Issue 21, "Done when": a household's cleaning job for this afternoon is
posted at the station, offered to the two available residents nearby, taken
by one on a phone without JavaScript, checked in and out with the job's QR
code, paid as the poster confirms, seen on the station's day view and counted
in the figures."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jobs.models import Gig, GigOffer, OfferState
from jobs.report_figures import compute_gigs
from stations.figures import Period
from tests.factories.gigs import GigAvailabilityFactory
from tests.factories.residents import ResidentFactory

pytestmark = pytest.mark.e2e


def test_household_cleaning_job_is_filled_worked_and_paid_the_same_day(
    page, login, new_page, snap, community, community_staff
):
    for name in ("张阿姨", "李大姐"):
        GigAvailabilityFactory(resident=ResidentFactory(community=community, name=name), registered_by=community_staff)
    today = timezone.localdate()

    login(community_staff)
    page.goto("/staff/jobs/gigs/new/")
    page.select_option("#id_community", value=str(community.pk))
    page.fill("#id_poster_name", "王女士")
    page.fill("#id_poster_phone", "13900001111")
    page.fill("#id_title", "家庭保洁 三室一厅")
    page.select_option("#id_kind", value="cleaning")
    page.fill("#id_address", "幸福小区3号楼2单元501")
    page.fill("#id_date", today.isoformat())
    page.fill("#id_start_time", "14:00")
    page.fill("#id_end_time", "17:00")
    page.fill("#id_places", "1")
    page.fill("#id_pay", "30")
    page.select_option("#id_pay_unit", value="hour")
    page.fill("#id_bring", "抹布、橡胶手套")
    snap(page, "1-post-form")
    page.get_by_role("button", name="发布并派给附近居民").click()
    expect(page.locator(".messages")).to_contain_text("已派给附近 2 位居民")
    gig = Gig.objects.get()
    offers = list(GigOffer.objects.filter(gig=gig))
    assert len(offers) == 2 and all("/gigs/o/" in o.message_text for o in offers)
    snap(page, "2-staff-gig-page")

    phone = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, java_script_enabled=False)
    phone.goto("/gigs/")
    expect(phone.locator("body")).to_contain_text("家庭保洁 三室一厅")
    snap(phone, "3-public-board-phone")
    offer = offers[0]
    phone.goto(f"/gigs/o/{offer.token}/")
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
    poster.goto(f"/gigs/poster/{gig.poster_token}/")
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
