import pytest

from entrepreneurship.models import (
    CatalogueState,
    StartupProject,
)
from entrepreneurship.services import catalogue_item_save
from stations.models import EmploymentStatus
from tests.factories import ResidentFactory
from tests.factories.entrepreneurship import (
    BusinessFactory,
    StartupProjectFactory,
)
from tests.factories.reports import last_month


def make_proposal(community, **extra):
    return StartupProjectFactory(
        district=community.street.district, community=community, state=CatalogueState.PROPOSED, **extra
    )


def make_draft_project(actor):
    project = StartupProject(title="社区早餐车", industry="餐饮", summary="早点摊，投资小。")
    return catalogue_item_save(actor=actor, item=project)


@pytest.fixture
def founder(community):
    return ResidentFactory(community=community, employment_status=EmploymentStatus.SELF_EMPLOYED)


@pytest.fixture
def shop(community, founder):
    return BusinessFactory(community=community, founders=[founder])


@pytest.fixture
def month():
    return last_month()
