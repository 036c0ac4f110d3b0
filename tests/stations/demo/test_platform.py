"""Demo data for the platform pages (stations/demo/platform.py): idempotent."""

import random

import pytest

from stations.demo.platform import seed_platform
from stations.models import Notification, PolicyParameterValue, Role
from stations.policy_defaults import COMMUNITY_WORKERS_TARGET
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_seeding_twice_writes_the_policy_history_and_each_logins_notice_once(community):
    UserFactory(username="demo-city", role=Role.CITY_BUREAU, community=None)
    UserFactory(username="demo-community", role=Role.COMMUNITY_STAFF, community=community)
    for _ in range(2):
        seed_platform(scale=1, rng=random.Random(1))
    assert PolicyParameterValue.objects.filter(key=COMMUNITY_WORKERS_TARGET).count() == 2
    assert Notification.objects.filter(recipient__username__startswith="demo-").count() == 2
