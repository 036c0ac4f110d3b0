"""The closed-month tests of the services: last month and an employer in the community."""

import pytest

from tests.factories.jobs import EmployerFactory
from tests.factories.reports import last_month


@pytest.fixture
def month():
    return last_month()


@pytest.fixture
def employer(community):
    return EmployerFactory(community=community)
