"""Browser tests: Playwright drives Debian's chromium against pytest-django's
live server (which also serves static files through the staticfiles finders).

- `page`: a desktop-sized page (1366x900), for staff pages.
- `phone_page`: a phone-sized page (390x844, touch), for public pages.
- `phone_page_no_js`: the same with JavaScript turned off, to prove a public
  page works without it.
- `new_page()`: another desktop tab in its own browser context (its own
  cookies), for a second user in the same journey: `login(user, on=new_page())`.
- `snap(page, name)`: keep a screenshot of a journey's key step in
  var/test-artifacts/journeys/ (for a person to look at, not compared).
Both start at the live server: `page.goto("/accounts/login/")` works.

Never download a browser with Playwright's own installer: set PORTAL_CHROMIUM to use
another binary. Without chromium these tests are skipped, except under CI=true
where that is a failure. When a test fails, a screenshot of each of its pages
is kept in var/test-artifacts/.

Every test in this folder is marked `e2e`, so `pytest -m "not e2e"` leaves them out.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--disable-gpu", "--disable-quic"]
ARTIFACTS_DIR = Path(settings.BASE_DIR) / "var" / "test-artifacts"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# Playwright's default of 30 s hides hangs; a page here renders in well under a
# second on an idle machine, and in a few on a machine busy with other work.
TIMEOUT_MS = 20_000

_FAILED = pytest.StashKey[bool]()


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)
            # The live server reads the database from another thread, so data must be
            # committed: even a test that asks for its page fixture late
            # (request.getfixturevalue) gets a transactional database.
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and report.when in ("setup", "call"):
        item.stash[_FAILED] = True
    return report


def _no_browser(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}: CI=true requires the browser tests to run (.ci/run installs chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """One chromium for the whole run."""
    if not (shutil.which(CHROMIUM) or os.access(CHROMIUM, os.X_OK)):
        _no_browser(f"no chromium at {CHROMIUM} (apt-get install chromium, or set PORTAL_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("the playwright package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _keep_screenshot_if_failed(request, page, kind: str) -> None:
    if not request.node.stash.get(_FAILED, False):
        return
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
    path = ARTIFACTS_DIR / f"{name}.{kind}.png"
    try:
        page.screenshot(path=str(path), full_page=True)
    except Exception as exc:  # a crashed page must not hide the test's own failure
        print(f"could not keep a screenshot of the failure: {exc!r}")
    else:
        print(f"screenshot of the failure: {path}")


def _page(request, browser, live_server, kind: str, **context_args):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", **context_args)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
        _keep_screenshot_if_failed(request, page, kind)
    finally:
        context.close()


@pytest.fixture
def page(request, browser, live_server, transactional_db):
    """A desktop browser tab on the live server (staff pages)."""
    yield from _page(request, browser, live_server, "desktop", viewport=DESKTOP)


@pytest.fixture
def phone_page(request, browser, live_server, transactional_db):
    """A phone-sized browser tab on the live server (public pages)."""
    yield from _page(
        request, browser, live_server, "phone", viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )


@pytest.fixture
def phone_page_no_js(request, browser, live_server, transactional_db):
    """A phone-sized tab with JavaScript disabled: public pages must work without it."""
    yield from _page(
        request,
        browser,
        live_server,
        "phone-nojs",
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        java_script_enabled=False,
    )


@pytest.fixture
def new_page(request, browser, live_server, transactional_db):
    """`new_page()` opens a desktop tab with its own session; closed after the test."""
    pages = []

    def _new_page(**context_args):
        context_args.setdefault("viewport", DESKTOP)
        generator = _page(request, browser, live_server, f"desktop-{len(pages) + 2}", **context_args)
        pages.append(generator)
        return next(generator)

    yield _new_page
    for generator in pages:
        next(generator, None)  # keeps a failure screenshot and closes the context


@pytest.fixture
def snap(request):
    """`snap(page, "step")` keeps a full-page screenshot of a journey's key step."""

    def _snap(target, name: str) -> Path:
        folder = ARTIFACTS_DIR / "journeys"
        folder.mkdir(parents=True, exist_ok=True)
        test = re.sub(r"[^\w.-]+", "_", request.node.name.removeprefix("test_"))[:100]
        path = folder / f"{test}.{name}.png"
        target.screenshot(path=str(path), full_page=True)
        return path

    return _snap


@pytest.fixture
def login(page, password):
    """Sign a user in through the real login form: `login(user)`."""

    def _login(user, *, on=None):
        target = on or page
        target.goto("/accounts/login/")
        target.fill("#id_username", user.username)
        target.fill("#id_password", password)
        target.click("button[type=submit]")
        target.wait_for_load_state()
        return target

    return _login
