"""The stations app's policy parameters and their defaults (stations/policy_defaults.py)."""

import pytest

from stations.policy import policy_value
from stations.policy_defaults import COMMUNITY_WORKERS_TARGET

pytestmark = pytest.mark.django_db


def test_stations_declares_the_community_worker_target_of_18():
    assert policy_value(COMMUNITY_WORKERS_TARGET) == 18
