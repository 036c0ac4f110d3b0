"""Shared fixtures: two neighbouring streets in one district and a second
district, with one account per role. `other_*` objects sit outside the
community staff's, street officer's and district bureau's scope."""

import pytest

from stations.models import Role
from tests.factories import CommunityFactory, DistrictFactory, StreetFactory, UserFactory
from tests.factories.users import TEST_PASSWORD


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2's deliberate slowness makes every sign-in in a test cost ~0.3 s."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached public pages, trends and
    limits must not carry one test's rows into the next (the database is
    rolled back, a Redis cache is not)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def district(db):
    return DistrictFactory(code="370402", name="市中区")


@pytest.fixture
def street(district):
    return StreetFactory(district=district, code="370402001", name="中心街街道")


@pytest.fixture
def community(street):
    return CommunityFactory(street=street, code="370402001001", name="光明路社区")


@pytest.fixture
def sibling_community(street):
    """Same street, another community."""
    return CommunityFactory(street=street, code="370402001002", name="文化路社区")


@pytest.fixture
def other_street(district):
    return StreetFactory(district=district, code="370402002", name="龙山路街道")


@pytest.fixture
def other_community(other_street):
    """Same district, another street."""
    return CommunityFactory(street=other_street, code="370402002001", name="建华社区")


@pytest.fixture
def other_district(db):
    return DistrictFactory(code="370481", name="滕州市")


@pytest.fixture
def far_community(other_district):
    street = StreetFactory(district=other_district, code="370481001", name="荆河街道")
    return CommunityFactory(street=street, code="370481001001", name="荆河社区")


@pytest.fixture
def community_staff(community):
    return UserFactory(username="cstaff", role=Role.COMMUNITY_STAFF, community=community)


@pytest.fixture
def other_community_staff(other_community):
    return UserFactory(username="cstaff-b", role=Role.COMMUNITY_STAFF, community=other_community)


@pytest.fixture
def street_officer(street):
    return UserFactory(username="sofficer", role=Role.STREET_OFFICER, community=None, street=street)


@pytest.fixture
def district_bureau(district):
    return UserFactory(username="dbureau", role=Role.DISTRICT_BUREAU, community=None, district=district)


@pytest.fixture
def city_bureau(db):
    return UserFactory(username="cbureau", role=Role.CITY_BUREAU, community=None)


@pytest.fixture
def password():
    return TEST_PASSWORD


@pytest.fixture
def staff_client(client, community_staff):
    client.force_login(community_staff)
    return client


@pytest.fixture
def mail_server_down(settings):
    """Real SMTP to a local port where nothing listens: every send is refused."""
    from tests.platform.brokers import free_port

    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    return port


@pytest.fixture
def unreachable_broker():
    """Celery as in production (no in-process runs), its broker on a port where
    nothing listens: a real connection attempt that is refused."""
    from tests.platform.brokers import celery_on_broker, free_port

    with celery_on_broker(f"redis://127.0.0.1:{free_port()}/0"):
        yield
