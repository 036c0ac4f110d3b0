"""Shared by the services' tests of closed months (a month whose figures
were reported: the writes that would change them are refused)."""

import datetime as dt

import pytest

from stations.models import Role
from tests.factories import UserFactory
from tests.factories.reports import last_month


@pytest.fixture
def month():
    return last_month()


@pytest.fixture
def before(month):
    """A day well before the closed month: records begun then count in it."""
    return month.start - dt.timedelta(days=90)


@pytest.fixture
def city_officer(db):
    return UserFactory(role=Role.CITY_BUREAU, community=None)
