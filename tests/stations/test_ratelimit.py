"""stations.ratelimit: one helper counts every limit, in the cache, or in the
database while the cache cannot be reached; the API's anonymous throttle is
built on it."""

import datetime as dt

import pytest
from django.urls import reverse

from stations import ratelimit
from stations.models import RateLimitCounter
from tests.factories import StationFactory

pytestmark = pytest.mark.django_db


def test_hit_allows_the_limit_then_refuses():
    assert [ratelimit.hit("t:a", limit=3, window=3600) for _ in range(5)] == [True, True, True, False, False]


def test_each_key_has_its_own_count():
    for _ in range(3):
        ratelimit.hit("t:a", limit=3, window=3600)
    assert ratelimit.hit("t:b", limit=3, window=3600) is True


def _at(monkeypatch, when):
    monkeypatch.setattr(ratelimit.timezone, "now", lambda: when)


@pytest.mark.parametrize("down", [False, True], ids=["cache", "database"])
def test_the_limit_cannot_be_doubled_across_a_window_boundary(monkeypatch, down, request):
    if down:
        request.getfixturevalue("cache_down")
    _at(monkeypatch, dt.datetime(2026, 12, 7, 9, 59, 50, tzinfo=dt.UTC))
    assert [ratelimit.hit("t:a", limit=3, window=3600) for _ in range(3)] == [True, True, True]
    _at(monkeypatch, dt.datetime(2026, 12, 7, 10, 0, 10, tzinfo=dt.UTC))  # a new clock hour, 20 s later
    assert ratelimit.hit("t:a", limit=3, window=3600) is False


@pytest.mark.parametrize("down", [False, True], ids=["cache", "database"])
def test_the_previous_windows_uses_weigh_less_as_they_slide_out(monkeypatch, down, request):
    if down:
        request.getfixturevalue("cache_down")
    _at(monkeypatch, dt.datetime(2026, 12, 7, 9, 10, tzinfo=dt.UTC))
    for _ in range(4):
        ratelimit.hit("t:a", limit=4, window=3600)
    # At 10:45 a quarter of the previous hour is still within the last hour: 4 × 0.25 = 1 counted.
    _at(monkeypatch, dt.datetime(2026, 12, 7, 10, 45, tzinfo=dt.UTC))
    assert [ratelimit.hit("t:a", limit=4, window=3600) for _ in range(4)] == [True, True, True, False]


def test_a_window_with_nothing_before_it_allows_the_full_limit(monkeypatch):
    _at(monkeypatch, dt.datetime(2026, 12, 7, 9, 59, 30, tzinfo=dt.UTC))
    assert [ratelimit.hit("t:a", limit=1, window=3600) for _ in range(2)] == [True, False]
    _at(monkeypatch, dt.datetime(2026, 12, 7, 11, 0, 30, tzinfo=dt.UTC))  # two windows on
    assert ratelimit.hit("t:a", limit=1, window=3600) is True


def test_with_the_cache_reachable_nothing_is_written_to_the_database():
    ratelimit.hit("t:a", limit=3, window=60)
    assert not RateLimitCounter.objects.exists()


def test_with_the_cache_down_the_count_goes_to_the_database(cache_down):
    assert [ratelimit.hit("t:a", limit=2, window=3600) for _ in range(3)] == [True, True, False]
    counter = RateLimitCounter.objects.get()
    assert (counter.key, counter.count) == ("t:a", 3)
    assert counter.expires_at - counter.window_start == dt.timedelta(hours=2)  # read by the next hour too


def test_the_database_count_is_one_row_per_key_and_window(cache_down):
    for _ in range(4):
        ratelimit.hit("t:a", limit=10, window=60)
    ratelimit.hit("t:b", limit=10, window=60)
    assert dict(RateLimitCounter.objects.values_list("key", "count")) == {"t:a": 4, "t:b": 1}


def test_a_long_key_is_shortened_and_still_told_apart(cache_down):
    ratelimit.hit("x" * 300 + "1", limit=5, window=60)
    ratelimit.hit("x" * 300 + "2", limit=5, window=60)
    keys = list(RateLimitCounter.objects.values_list("key", flat=True))
    assert len(set(keys)) == 2 and all(len(k) <= ratelimit.KEY_MAX for k in keys)


def test_seconds_left_counts_to_the_end_of_the_window():
    now = dt.datetime(2026, 12, 7, 10, 0, 45, tzinfo=dt.UTC)
    assert ratelimit.seconds_left(60, now=now) == 15


def test_survey_limit_holds_with_the_cache_down(client, community, cache_down, monkeypatch):
    from reports import views as report_views
    from reports.models import SatisfactionResponse
    from tests.reports.test_views import _answer

    monkeypatch.setattr(report_views, "SURVEY_LIMIT_PER_HOUR", 1)
    station = StationFactory(community=community)
    url = reverse("reports_public:survey", kwargs={"pk": station.pk})
    for _ in range(2):
        answer, token = _answer(client.get(url))
        client.post(url, {"rating": 5, "answer": answer, "challenge": token})
    assert SatisfactionResponse.objects.count() == 1
    assert RateLimitCounter.objects.get().count == 2


def test_is_over_reads_the_count_without_adding_to_it():
    for _ in range(2):
        ratelimit.hit("t:peek", limit=2, window=3600)
    assert [ratelimit.is_over("t:peek", limit=2, window=3600) for _ in range(3)] == [False, False, False]
    ratelimit.hit("t:peek", limit=2, window=3600)
    assert ratelimit.is_over("t:peek", limit=2, window=3600) is True


def test_is_over_sees_the_database_count_while_the_cache_is_down(cache_down):
    for _ in range(3):
        ratelimit.hit("t:peek", limit=2, window=3600)
    assert ratelimit.is_over("t:peek", limit=2, window=3600) is True
