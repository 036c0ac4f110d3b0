"""Settings for the community employment station portal.

Every value that differs between a developer's laptop and production comes from
an environment variable; `.env.example` lists them with their defaults. The
defaults are the safe production ones: `make run` turns DEBUG on explicitly.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from config.api_schema import ChoiceEnumNames
from config.env import (
    env_bool,
    env_choice,
    env_int,
    env_json,
    env_list,
    env_origins,
    env_path,
    env_str,
    load_dot_env,
)

BASE_DIR = Path(__file__).resolve().parent.parent


# A local `.env` (made by `make run` from .env.example) fills what the
# environment does not set; production sets real variables instead.
if not env_bool("PORTAL_IGNORE_DOT_ENV", False):
    load_dot_env(BASE_DIR / ".env")

VAR_DIR = env_path("PORTAL_VAR_DIR", BASE_DIR / "var", base=BASE_DIR)

# --- Core -------------------------------------------------------------------
DEBUG = env_bool("DJANGO_DEBUG", False)
# Without a key and with DEBUG off the settings still load, so commands that
# sign nothing (makemigrations, compilemessages) work on a bare checkout; the
# system check stations.E001 stops `check`, `migrate` and `runserver`, and the
# WSGI/ASGI entry points refuse to start (config/env.require_secret_key).
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production-0123456789abcdef"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# The portal's own apps: `stations` first, the base the others import (the
# platform tests walk these).
PORTAL_APPS = [
    "stations",
    "jobs",
    "training",
    "entrepreneurship",
    "assistance",
    "partnerships",
    "reports",
    "self_service",
]
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    *PORTAL_APPS,
    "benchmarks",
]

MIDDLEWARE = [
    # First: everything after it (limits, lockouts, the audit log) sees the client's address.
    "stations.middleware.ProxiedClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's LocaleMiddleware, but the default language wins over Accept-Language.
    "stations.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "stations.middleware.StaffLoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After XFrameOptionsMiddleware: public pages may be framed by the 爱山东 origins.
    "stations.middleware.FramePolicyMiddleware",
    "stations.middleware.PersonalDataNoStoreMiddleware",
    # Axes must come last so it sees the final authentication result.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "stations.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "stations.context_processors.portal",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
# Without DATABASE_URL the portal runs on an embedded SQLite file under var/.
# Its writers (the development server and the in-process schedule's threads)
# queue on the write lock for up to `timeout` seconds. A transaction begins
# IMMEDIATE, taking that lock at its start: a deferred one that read first and
# then writes cannot wait for it (SQLite refuses at once, "database is
# locked", when another writer got in between).
SQLITE_OPTIONS = {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # A server that does not answer fails a connection after 5 s (libpq's
        # connect_timeout) instead of the system's minutes, so /healthz and the
        # pages answer; `?connect_timeout=` in DATABASE_URL sets another value.
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": SQLITE_OPTIONS,
        }
    }

# An optional read replica of default (a PostgreSQL streaming standby) for the
# figure reads of workbooks, the progress dashboard and the bulletin; every
# other read and every write stays on default (reports/routers.py). Tests
# point it at the default test database (TEST MIRROR) instead of a copy.
# https://docs.djangoproject.com/en/5.2/topics/db/multi-db/
REPORTS_DATABASE_URL = env_str("REPORTS_DATABASE_URL", "")
if REPORTS_DATABASE_URL:
    DATABASES["reports"] = dj_database_url.parse(
        REPORTS_DATABASE_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
        test_options={"MIRROR": "default"},
    )
DATABASE_ROUTERS = ["reports.routers.ReportReplicaRouter"]

# --- Cache, broker, Celery ----------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
# The cache may live in a Redis of its own: a cache wants an eviction policy
# (allkeys-lru), a broker must never lose a key (noeviction).
# The cache is a help, never a dependency: an unreachable cache Redis reads as
# empty and costs milliseconds (stations/cache.py); what must hold without it
# (rate limits, import progress, refused changes) is in the database.
CACHE_URL = os.environ.get("CACHE_URL", "") or REDIS_URL
if CACHE_URL:
    CACHES = {"default": {"BACKEND": "stations.cache.ResilientRedisCache", "LOCATION": CACHE_URL}}
elif env_choice("PORTAL_EMBEDDED_CACHE", "files", ("files", "memory")) == "files":
    # The embedded default keeps the cache in files under var/, so the
    # server, `manage.py run_schedule` and the commands share it: the
    # dashboard months the warm-up computes are the ones the pages read.
    # (The tests keep it in memory: tests/testenv.py.)
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# https://docs.celeryq.dev/en/stable/userguide/configuration.html
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
# Without a broker every task runs in-process, so the embedded default works alone.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 30 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 25 * 60)
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The beat schedule, in one place (Beijing time). Run exactly one beat. Every
# entry also has a management command of the same purpose for cron-only sites.
CELERY_BEAT_SCHEDULE = {
    name: {"task": task, "schedule": crontab(**when)}
    for name, task, when in (
        ("jobs.expire_postings", "jobs.tasks.expire_postings", {"hour": 0, "minute": 15}),  # expire_postings
        # After midnight, when a raised minimum wage takes effect: withdraw_unlawful_postings
        ("jobs.withdraw_unlawful", "jobs.tasks.withdraw_unlawful_postings", {"hour": 0, "minute": 20}),
        ("reports.monthly", "reports.tasks.build_monthly_reports", {"day_of_month": 1, "hour": 2, "minute": 0}),
        ("reports.warm_dashboards", "reports.tasks.warm_dashboard_trends", {"hour": 5, "minute": 0}),  # warm_dashboards
        (
            "stations.households_zero_employment",
            "stations.tasks.households_zero_employment_refresh",
            {"hour": 2, "minute": 40},
        ),
        ("stations.purge_expired", "stations.tasks.housekeeping_purge_expired", {"hour": 3, "minute": 10}),
        ("assistance.12333_reminders", "assistance.tasks.send_12333_reminders", {"hour": 6, "minute": 30}),
        ("jobs.flag_no_answer", "jobs.tasks.flag_no_answer", {"hour": 7, "minute": 30}),  # flag_unanswered_...
        ("jobs.send_job_alerts", "jobs.tasks.send_job_alerts", {"hour": 7, "minute": 45}),
        (
            "entrepreneurship.remind_subsidy_reviewers",
            "entrepreneurship.tasks.remind_subsidy_reviewers",
            {"hour": 8, "minute": 0},
        ),
        ("jobs.remind_expiry", "jobs.tasks.remind_expiry", {"hour": 9, "minute": 0}),  # remind_posting_expiry
        ("training.remind_class_start", "training.tasks.remind_class_start", {"hour": 10, "minute": 0}),
        (
            "partnerships.remind_late_commitments",
            "partnerships.tasks.remind_late_commitments",
            {"hour": 8, "minute": 15},
        ),  # remind_late_commitments
        ("reports.period_close", "reports.tasks.remind_period_close", {"hour": 9, "minute": 30}),
    )
}
# The relay hands over background work that waited for the broker (or that
# the broker lost) every minute; a run left in the queue for longer expires.
CELERY_BEAT_SCHEDULE["stations.handoffs_relay"] = {
    "task": "stations.tasks.handoffs_relay",
    "schedule": float(env_int("PORTAL_RELAY_SECONDS", 60)),
    "options": {"expires": 50},
}
# Every minute beat publishes the heartbeat (recorded as beat's pulse) and a
# worker runs it (the workers' pulse); one left in the queue for longer expires.
CELERY_BEAT_SCHEDULE["stations.heartbeat"] = {
    "task": "stations.tasks.heartbeat",
    "schedule": 60.0,
    "options": {"expires": 50},
}
# Text messages queued for after quiet hours or a day's cap go out on the next sweep.
CELERY_BEAT_SCHEDULE["stations.text_messages_send_due"] = {
    "task": "stations.tasks.text_messages_send_due",
    "schedule": crontab(minute="*/5"),
    "options": {"expires": 240},
}
# ETAs must stay below the Redis visibility timeout, or tasks run twice.
# A broker that is down answers a publish within about two seconds (connect
# timeout, one reconnect), so a request that hands over work is not held up:
# the work waits in the database for the relay instead.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 2 * 60 * 60,
    "socket_connect_timeout": 2,
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# Beat sends `stations.tasks.heartbeat` every minute and a worker runs it;
# /healthz reports "degraded" when either was last heard of longer ago.
PORTAL_HEARTBEAT_STALE_SECONDS = env_int("PORTAL_HEARTBEAT_STALE_SECONDS", 5 * 60)

# --- Authentication and sessions ----------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "stations:dashboard"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Idle sessions end after SESSION_IDLE_HOURS: every request renews the cookie.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_HOURS", 8) * 3600
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# https://django-axes.readthedocs.io/en/latest/4_configuration.html
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Sign-ins are written to the audit log (stations.signals); a second log of
# every success in axes' own table would only duplicate it.
AXES_DISABLE_ACCESS_LOG = True

# --- Security (production defaults; DEBUG relaxes the HTTPS-only ones) ---------
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind a TLS-terminating proxy set DJANGO_BEHIND_PROXY=true.
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies (balancer, nginx) that append to X-Forwarded-For stand in
# front of gunicorn. 0 (direct connections) ignores the header, which anyone
# can forge.
PORTAL_TRUSTED_PROXY_COUNT = env_int("PORTAL_TRUSTED_PROXY_COUNT", 0)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- Inside the 爱山东 app (docs/province.md) -------------------------------------
# Origins whose pages may show the PUBLIC pages in a frame (the province
# platform's web pages), space- or comma-separated: CSP frame-ancestors on
# public pages only; staff pages, sign-in and admin stay X-Frame-Options DENY.
# https://developer.mozilla.org/docs/Web/HTTP/Headers/Content-Security-Policy/frame-ancestors
PORTAL_FRAME_ANCESTORS = env_origins("PORTAL_FRAME_ANCESTORS")
# A framed page is a third-party context: its forms post only if the CSRF
# cookie is SameSite=None, which browsers accept only with Secure. The staff
# session stays Lax unless the site decides otherwise (docs/province.md).
# https://docs.djangoproject.com/en/5.2/ref/settings/#csrf-cookie-samesite
_SAMESITE = ("Lax", "Strict", "None")
CSRF_COOKIE_SAMESITE = env_choice("DJANGO_CSRF_COOKIE_SAMESITE", "None" if PORTAL_FRAME_ANCESTORS else "Lax", _SAMESITE)
SESSION_COOKIE_SAMESITE = env_choice("DJANGO_SESSION_COOKIE_SAMESITE", "Lax", _SAMESITE)
for _name, _samesite, _secure in (
    ("DJANGO_CSRF_COOKIE_SAMESITE", CSRF_COOKIE_SAMESITE, CSRF_COOKIE_SECURE),
    ("DJANGO_SESSION_COOKIE_SAMESITE", SESSION_COOKIE_SAMESITE, SESSION_COOKIE_SECURE),
):
    if _samesite == "None" and not _secure:
        raise ImproperlyConfigured(
            f"{_name}=None (framed public pages) needs secure cookies: browsers refuse SameSite=None without "
            "Secure. Serve the site over HTTPS with DJANGO_SECURE_COOKIES=true."
        )

# --- Language and time --------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# ISO dates first for zh-hans form inputs (see config/formats/zh_Hans/formats.py).
# https://docs.djangoproject.com/en/5.2/ref/settings/#format-module-path
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and media ---------------------------------------------------------
# An absolute URL (https://cdn.example.com/portal/static/) when a CDN or a
# separate nginx serves the collected files.
STATIC_URL = env_str("DJANGO_STATIC_URL", "static/")
STATIC_ROOT = env_path("DJANGO_STATIC_ROOT", VAR_DIR / "static", base=BASE_DIR)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env_path("DJANGO_MEDIA_ROOT", VAR_DIR / "media", base=BASE_DIR)
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files after `collectstatic` in production.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("DJANGO_STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Uploaded spreadsheets are read in memory up to this size.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Mail ---------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "portal@localhost")

# --- REST API -----------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["stations.apis.permissions.IsRegionStaff"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "stations.apis.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "stations.apis.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_ANON_RATE", "120/min")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Community employment station portal API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Enums are named after their TextChoices class, not after fields that
    # several apps share (`status`): stable names and no naming warnings.
    # https://drf-spectacular.readthedocs.io/en/latest/settings.html
    "ENUM_NAME_OVERRIDES": ChoiceEnumNames(
        "stations", "jobs", "training", "entrepreneurship", "assistance", "partnerships", "reports"
    ),
}

# --- Logging ------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "portal.security": {"level": "INFO"},
    },
}

# --- Portal -------------------------------------------------------------------
PORTAL_CITY_NAME = env_str("PORTAL_CITY_NAME", "枣庄市")
PORTAL_CITY_CODE = env_str("PORTAL_CITY_CODE", "370400")
# Demo logins share one development password; seed_demo refuses when DEBUG is off.
PORTAL_DEMO_PASSWORD = env_str("PORTAL_DEMO_PASSWORD", "demo-pass-2026")
# Notifications also go out as SMS through this class (stations/sms.py); the
# default only logs. Point it at a class that talks to the site's SMS gateway.
PORTAL_SMS_BACKEND = env_str("PORTAL_SMS_BACKEND", "stations.sms.LoggingSmsBackend")

# --- Text messages to residents (stations/messaging, docs/messaging.md) ------------
# The gateway class: ConsoleGateway (default: logs, and appends to the file
# below), OutboxGateway (a table, for tests), AliyunSmsGateway, TencentSmsGateway.
PORTAL_TEXT_MESSAGE_GATEWAY = env_str("PORTAL_TEXT_MESSAGE_GATEWAY", "stations.messaging.gateways.ConsoleGateway")
PORTAL_TEXT_MESSAGE_FILE = env_str("PORTAL_TEXT_MESSAGE_FILE", str(VAR_DIR / "text-messages.log"))
# The provider's template id of each portal template, JSON: {"job_alert": "SMS_123456", ...}
# The public address residents reach in text messages (templates hold it as
# fixed text, docs/messaging.md): short links such as <site>/g/<code>.
PORTAL_SITE_URL = env_str("PORTAL_SITE_URL", "http://127.0.0.1:8000")
PORTAL_TEXT_MESSAGE_TEMPLATE_IDS = env_json("PORTAL_TEXT_MESSAGE_TEMPLATE_IDS", "{}")
# The registered signature (签名) and the provider's credentials and endpoint.
PORTAL_TEXT_MESSAGE_SIGN_NAME = env_str("PORTAL_TEXT_MESSAGE_SIGN_NAME", "")
PORTAL_TEXT_MESSAGE_KEY_ID = env_str("PORTAL_TEXT_MESSAGE_KEY_ID", "")
PORTAL_TEXT_MESSAGE_KEY_SECRET = env_str("PORTAL_TEXT_MESSAGE_KEY_SECRET", "")
PORTAL_TEXT_MESSAGE_APP_ID = env_str("PORTAL_TEXT_MESSAGE_APP_ID", "")  # Tencent SmsSdkAppId
PORTAL_TEXT_MESSAGE_ENDPOINT = env_str("PORTAL_TEXT_MESSAGE_ENDPOINT", "")  # empty: the provider's own
# Replies (退订) and delivery reports come in signed with this secret (HMAC-SHA256).
PORTAL_TEXT_MESSAGE_WEBHOOK_SECRET = env_str("PORTAL_TEXT_MESSAGE_WEBHOOK_SECRET", "")

# --- Resident sign-in through the province's identity service (爱山东) ---------
# OpenID Connect, authorization code flow with PKCE (self_service/oidc.py,
# docs/province.md). Off while the issuer is empty: /me/ then offers only the
# text-message code and the OIDC addresses answer 404.
PORTAL_OIDC_ISSUER = env_str("PORTAL_OIDC_ISSUER", "")
PORTAL_OIDC_CLIENT_ID = env_str("PORTAL_OIDC_CLIENT_ID", "")
PORTAL_OIDC_CLIENT_SECRET = env_str("PORTAL_OIDC_CLIENT_SECRET", "")
# The ID token claim holding the resident ID number (the province's name for it).
PORTAL_OIDC_ID_CLAIM = env_str("PORTAL_OIDC_ID_CLAIM", "id_card")
# "openid" is always asked for; add the scope that releases the ID number claim.
PORTAL_OIDC_SCOPES = env_list("PORTAL_OIDC_SCOPES", "openid,profile")
# Seconds to wait for the provider (discovery, keys, token) before giving up.
PORTAL_OIDC_TIMEOUT = env_int("PORTAL_OIDC_TIMEOUT", 10)
if PORTAL_OIDC_ISSUER and not (PORTAL_OIDC_CLIENT_ID and PORTAL_OIDC_CLIENT_SECRET):
    raise ImproperlyConfigured(
        "PORTAL_OIDC_ISSUER is set: set PORTAL_OIDC_CLIENT_ID and PORTAL_OIDC_CLIENT_SECRET too (docs/province.md)."
    )
