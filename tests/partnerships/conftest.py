import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english(settings):
    """Messages and pages are asserted in the English source text, which does
    not move when the zh-hans catalogue is revised. Pages follow
    LANGUAGE_CODE when a request names no language; service calls follow the
    active translation."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def some_records(community):
    """Something to list, so each page renders its rows and not only its empty state."""
    from tests.factories.partnerships_funds import FundAllocationFactory
    from tests.factories.partnerships_network import PartnerFactory

    PartnerFactory(community=community)
    FundAllocationFactory(community=community)
