from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.jobs import PostingFactory


def _list(client, **extra):
    return client.get(reverse("jobs_public:posting_list"), **extra)


def test_a_second_anonymous_visit_is_served_without_touching_the_database(client, db, django_assert_num_queries):
    PostingFactory(title="保洁员")
    _list(client)

    with django_assert_num_queries(0):
        response = _list(client)

    assert "保洁员" in response.content.decode()


def test_a_saved_posting_shows_on_the_next_visit(client, db, django_capture_on_commit_callbacks):
    _list(client)

    with django_capture_on_commit_callbacks(execute=True):
        PostingFactory(title="仓库理货员")

    assert "仓库理货员" in _list(client).content.decode()


def test_a_visitor_with_a_session_gets_a_freshly_built_page(client, community_staff):
    _list(client)  # now kept for visitors without a session
    client.force_login(community_staff)

    with CaptureQueriesContext(connection) as captured:
        response = _list(client)

    assert response.status_code == 200
    assert len(captured) > 0


def test_each_language_is_kept_apart(client, db):
    chinese = _list(client).content.decode()
    client.cookies["django_language"] = "en"

    english = _list(client).content.decode()

    assert chinese != english
    assert 'lang="en"' in english


def test_public_pages_carry_no_csrf_token(client, db):
    response = _list(client)

    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies


def test_a_page_with_parameters_it_does_not_know_is_not_kept(client, db, django_assert_max_num_queries):
    client.get(reverse("jobs_public:posting_list"), {"made_up": "1"})

    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("jobs_public:posting_list"), {"made_up": "1"})

    assert len(captured) > 0


def test_hits_and_misses_both_vary_on_cookie_and_language(client, db):
    miss = _list(client)
    hit = _list(client)

    for response in (miss, hit):
        assert "Cookie" in response["Vary"] and "Accept-Language" in response["Vary"]


def test_without_a_reachable_cache_pages_are_built_and_postings_saved(
    client, db, settings, django_capture_on_commit_callbacks
):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    with django_capture_on_commit_callbacks(execute=True):
        posting = PostingFactory(title="电工")

    response = _list(client)

    assert response.status_code == 200
    assert "电工" in response.content.decode()
    assert posting.pk
