"""Loaded by pytest (-p tests.testenv) before Django reads its settings.

Tests run with the production defaults except the few that need HTTPS or a
real secret; each is set only if the caller has not set it already.
"""

import os

os.environ.setdefault("PORTAL_IGNORE_DOT_ENV", "1")

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production-9f3b1c")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "false")
os.environ.setdefault("DJANGO_STATIC_MANIFEST", "false")
os.environ.setdefault("PORTAL_VAR_DIR", os.path.join(os.path.dirname(os.path.dirname(__file__)), "var", "test"))
# WhiteNoise warns on every request when STATIC_ROOT does not exist yet.
os.makedirs(os.path.join(os.environ["PORTAL_VAR_DIR"], "static"), exist_ok=True)
# Tasks run in-process in tests even when REDIS_URL is set (as in CI); the
# real-worker test (tests/platform/test_celery_worker.py) turns this off itself.
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
# Without Redis the cache stays in memory (the embedded default's files under
# var/ would be shared by every run in the checkout).
os.environ.setdefault("PORTAL_EMBEDDED_CACHE", "memory")
# The tests empty the cache before each test: with Redis, keep the cache in a
# database of its own so that never touches the broker's queues.
if os.environ.get("REDIS_URL") and not os.environ.get("CACHE_URL"):
    broker, _, db = os.environ["REDIS_URL"].rpartition("/")
    if db.isdigit():
        os.environ["CACHE_URL"] = f"{broker}/{14 if int(db) == 15 else int(db) + 1}"
# A report replica configured for the shell would need the reports alias in
# every test that builds figures; the router has its own tests.
os.environ.pop("REPORTS_DATABASE_URL", None)
# Playwright's sync API runs an event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
