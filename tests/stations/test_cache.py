"""The cache is a help, never a dependency: with the cache's Redis unreachable
(our backend pointed at a port where nothing listens) every page, form and
API endpoint answers as usual."""

import logging
import time
from urllib.parse import parse_qs, urlparse

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.urls import reverse

from jobs.models import Posting
from jobs.views.public import SUBMIT_LIMIT_PER_HOUR
from stations.cache import CacheUnavailable, ResilientRedisCache
from stations.models import (
    ImportStatus,
    RateLimitCounter,
    RefusedChange,
)
from tests.factories import ResidentFactory, StationFactory
from tests.factories.imports import ResidentImportBatchFactory
from tests.factories.jobs import JobFairFactory, PostingFactory, valid_credit_code
from tests.factories.reports import last_month, refused_correction_link
from tests.jobs.conftest import submission

pytestmark = pytest.mark.django_db


# --- the backend --------------------------------------------------------------------------------
def test_reads_of_an_unreachable_cache_are_misses(cache_down):
    assert cache.get("k") is None
    assert cache.get("k", "fallback") == "fallback"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("k") is False
    assert cache.get_or_set("k", 7) == 7


def test_writes_to_an_unreachable_cache_do_nothing(cache_down):
    cache.set("k", 1)
    assert cache.add("k", 1) is False
    assert cache.delete("k") is False
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    cache.delete_many(["a"])
    cache.clear()
    assert cache.get("k") is None


def test_incr_on_an_unreachable_cache_raises_cache_unavailable(cache_down):
    with pytest.raises(CacheUnavailable):
        cache.incr("k")


def test_an_unreachable_cache_costs_milliseconds(cache_down):
    started = time.monotonic()
    for n in range(200):
        cache.get(f"k{n}")
    assert time.monotonic() - started < 1.0


def test_an_unreachable_cache_is_reported_once_not_per_request(cache_down, caplog, monkeypatch):
    monkeypatch.setattr(ResilientRedisCache, "retry_after", 0.0)  # try Redis every time
    with caplog.at_level(logging.WARNING, logger="portal.cache"):
        for n in range(20):
            cache.get(f"k{n}")
    assert len([r for r in caplog.records if "cache unreachable" in r.getMessage()]) == 1


def test_the_outage_is_reported_once_for_all_threads_of_a_process(cache_down, caplog):
    # Django makes one cache instance per thread; each would otherwise warn.
    location = django_settings.CACHES["default"]["LOCATION"]
    per_thread = [ResilientRedisCache(location, {}) for _ in range(3)]
    with caplog.at_level(logging.WARNING, logger="portal.cache"):
        for instance in per_thread:
            instance.get("k")
    assert len([r for r in caplog.records if "cache unreachable" in r.getMessage()]) == 1
    assert all(instance.is_down for instance in per_thread)


def test_the_backend_gives_up_quickly_and_does_not_retry(cache_down):
    options = cache._options
    assert options["socket_connect_timeout"] <= 0.5 and options["socket_timeout"] <= 1
    assert options["retry"].get_retries() == 0


def test_settings_use_the_resilient_backend_for_redis(monkeypatch):
    import importlib

    import config.settings as portal_settings

    monkeypatch.setenv("CACHE_URL", "redis://127.0.0.1:6379/3")
    try:
        reloaded = importlib.reload(portal_settings)
        assert reloaded.CACHES["default"]["BACKEND"] == "stations.cache.ResilientRedisCache"
    finally:
        monkeypatch.delenv("CACHE_URL")
        importlib.reload(portal_settings)


def test_sessions_and_sign_in_lockouts_do_not_live_in_the_cache():
    assert django_settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert getattr(django_settings, "AXES_HANDLER", "axes.handlers.database.AxesDatabaseHandler") == (
        "axes.handlers.database.AxesDatabaseHandler"
    )


# --- public pages and the API -------------------------------------------------------------------
def test_public_home_answers_with_the_cache_down(client, community, cache_down):
    StationFactory(community=community)
    assert client.get(reverse("public:home")).status_code == 200


def test_job_list_and_detail_answer_with_the_cache_down(client, community, cache_down):
    posting = PostingFactory(employer__community=community, title="家门口保洁")
    listing = client.get(reverse("jobs_public:posting_list"))
    assert listing.status_code == 200 and "家门口保洁" in listing.content.decode()
    detail = client.get(reverse("jobs_public:posting_detail", kwargs={"pk": posting.pk}))
    assert detail.status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/jobs/postings/", "/api/v1/jobs/fairs/", "/api/v1/stations/"])
def test_the_anonymous_api_answers_with_the_cache_down(client, community, cache_down, path):
    StationFactory(community=community)
    PostingFactory(employer__community=community)
    JobFairFactory(community=community)
    response = client.get(path)
    assert response.status_code == 200, response.content[:500]


def test_the_posting_form_takes_a_submission_with_the_cache_down(client, community, cache_down):
    response = client.post(reverse("jobs_public:posting_submit"), submission(community))
    assert response.status_code == 302
    assert Posting.objects.count() == 1


def test_the_posting_forms_hourly_limit_holds_with_the_cache_down(client, community, cache_down):
    for n in range(SUBMIT_LIMIT_PER_HOUR):
        client.post(
            reverse("jobs_public:posting_submit"), submission(community, credit_code=valid_credit_code(900 + n))
        )
    response = client.post(reverse("jobs_public:posting_submit"), submission(community))
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert Posting.objects.count() == SUBMIT_LIMIT_PER_HOUR
    assert RateLimitCounter.objects.get().count == SUBMIT_LIMIT_PER_HOUR + 1


# --- staff pages --------------------------------------------------------------------------------
def test_staff_resident_list_answers_with_the_cache_down(staff_client, community, cache_down):
    ResidentFactory(community=community, name="王小明")
    response = staff_client.get(reverse("stations:resident_list"))
    assert response.status_code == 200 and "王小明" in response.content.decode()


def test_signing_in_works_with_the_cache_down(client, community_staff, cache_down):
    from tests.factories.users import TEST_PASSWORD

    response = client.post(reverse("login"), {"username": community_staff.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("stations:dashboard")).status_code == 200


def test_the_dashboards_answer_with_the_cache_down(client, city_bureau, community, cache_down):
    StationFactory(community=community)
    client.force_login(city_bureau)
    assert client.get(reverse("stations:dashboard")).status_code == 200
    assert client.get(reverse("reports:dashboard")).status_code == 200


def test_an_imports_progress_is_read_from_the_database_with_the_cache_down(staff_client, community_staff, cache_down):
    batch = ResidentImportBatchFactory(
        created_by=community_staff, status=ImportStatus.VALIDATING, row_count=2000, progress=1500, errors=[]
    )
    staff_client.cookies["django_language"] = "en"
    response = staff_client.get(reverse("stations:resident_import_detail", args=[batch.pk]))
    assert response.status_code == 200
    assert response.context["progress"] == 1500


def test_a_closed_month_refusal_and_its_link_work_with_the_cache_down(
    staff_client, community, community_staff, cache_down
):
    month = last_month()
    link = refused_correction_link(community=community, actor=community_staff, month=month)
    token = parse_qs(urlparse(link).query)["t"][0]
    assert RefusedChange.objects.filter(key=token, actor=community_staff).exists()
    page = staff_client.get(link)
    assert page.status_code == 200 and 'name="reason"' in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_workers_check_writes_its_progress_to_the_batch_not_only_the_cache(community_staff, cache_down):
    from stations.imports import services as import_services

    batch = ResidentImportBatchFactory(
        created_by=community_staff, status=ImportStatus.VALIDATING, row_count=2000, errors=[]
    )
    import_services.FLOW.set_progress(batch.pk, 1000)  # as check_rows reports every 500 rows, outside a transaction
    batch.refresh_from_db()
    assert batch.progress == 1000
    assert import_services.FLOW.progress(batch) == 1000
