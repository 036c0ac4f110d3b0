"""A community worker's first minute: sign in, land on their dashboard."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_community_staff_signs_in_and_sees_their_communitys_dashboard(page, community_staff, community, password):
    page.goto("/accounts/login/")
    page.fill("#id_username", community_staff.username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")

    expect(page).to_have_url(re.compile(r"/staff/$"))
    expect(page.locator("h1")).to_contain_text(community.name)


def test_wrong_password_keeps_the_user_on_the_login_form_with_an_error(page, community_staff):
    page.goto("/accounts/login/")
    page.fill("#id_username", community_staff.username)
    page.fill("#id_password", "not-the-password")
    page.click("button[type=submit]")

    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.locator("[role=alert]")).to_be_visible()
    expect(page.locator("#id_username")).to_have_value(community_staff.username)


def test_signed_in_staff_can_sign_out_from_the_header(page, login, community_staff):
    login(community_staff)
    page.locator("form[action='/accounts/logout/'] button").click()

    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.goto("/staff/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))


def test_live_server_serves_the_stylesheet(phone_page):
    stylesheets = []
    phone_page.on("response", lambda response: stylesheets.append(response) if response.url.endswith(".css") else None)
    phone_page.goto("/accounts/login/")
    phone_page.wait_for_load_state("networkidle")

    assert stylesheets, "the page links no stylesheet"
    assert all(response.status == 200 for response in stylesheets), [(r.url, r.status) for r in stylesheets]
    # The portal's CSS is applied: the page is not rendered with the browser's default serif body.
    assert phone_page.evaluate("getComputedStyle(document.body).fontFamily") != '"Times New Roman"'
