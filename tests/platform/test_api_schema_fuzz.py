"""Fuzz the whole API from its own OpenAPI schema: no input may cause a 5xx.

The schema comes from /api/schema/ of the WSGI app itself, so every route any
app adds later is fuzzed without editing this file. Each operation gets a
bounded number of generated requests (MAX_EXAMPLES), once anonymously and once
as community staff with a token (a token, not a session: a session would need
a CSRF token for every write, and the writes would never reach the services).
Only `not_a_server_error` is checked: 400/401/403/404/405/429 are all fine
answers to nonsense; a 500 is not.
"""

import os

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

from config.wsgi import application
from stations.models import StationService
from tests.factories import RelatedSiteFactory, StationFactory

# Generated requests per operation and identity. 12 keeps the run under two
# minutes on a 2-core machine with ~45 operations (measured: 20 took ~2.5 min
# of CPU); raise it to hunt harder: FUZZ_MAX_EXAMPLES=200 pytest ...
MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "12"))
FUZZ_SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,  # no .hypothesis/ directory in the working tree
    phases=[Phase.explicit, Phase.generate],  # no shrinking: the first failure is reported as is
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def api_world(db, community, other_community, community_staff):
    """A little data for the generated requests to hit, and the WSGI app wired
    so its requests share the test's transaction."""
    station = StationFactory(community=community)
    station.services.set(StationService.objects.all()[:3])
    StationFactory(community=other_community)
    RelatedSiteFactory(community=community)
    # Django closes "old" connections around every request; inside the test
    # transaction that would close the test's own connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    cache.clear()  # anonymous throttle counts
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
    cache.clear()


@pytest.fixture
def staff_token(community_staff):
    return Token.objects.get_or_create(user=community_staff)[0].key


# Loaded at collection (pytest-django has set Django up by then; building the
# schema reads no rows). Not `schemathesis.pytest.from_fixture`: its lazy
# loader reads `request.node._nodeid`, which pytest 9 no longer has.
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_gives_no_server_error_to_anonymous_callers(case, api_world):
    case.call_and_validate(checks=[not_a_server_error])


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_gives_no_server_error_to_community_staff(case, api_world, staff_token):
    case.call_and_validate(headers={"Authorization": f"Token {staff_token}"}, checks=[not_a_server_error])
