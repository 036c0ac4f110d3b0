import datetime as dt

import pytest

from tests.factories import ResidentFactory
from tests.factories.reports import last_month
from tests.factories.training import CatalogueFactory, ProviderFactory, TrainingClassFactory


@pytest.fixture
def catalogue(district):
    return CatalogueFactory(district=district)


@pytest.fixture
def open_class(catalogue, community, district_bureau):
    return TrainingClassFactory(
        course__catalogue=catalogue,
        provider=ProviderFactory(district=catalogue.district),
        community=community,
        capacity=2,
        start_date=dt.date.today() + dt.timedelta(days=10),
        end_date=dt.date.today() + dt.timedelta(days=40),
        created_by=district_bureau,
    )


@pytest.fixture
def month():
    """Last month, for writes dated in a month a test closes."""
    return last_month()


@pytest.fixture
def resident(community):
    """A resident of the staff's community."""
    return ResidentFactory(community=community)
