import datetime as dt

import pytest

from stations.models import ServiceChannel, ServiceKind, ServiceRecord
from tests.factories.assistance import AssistanceCaseFactory
from tests.factories.reports import last_month
from tests.factories.residents import ResidentFactory

TODAY = dt.date.today()


@pytest.fixture
def make_case(community, community_staff):
    def make(*, opened_days_ago=30, resident=None, **kwargs):
        resident = resident or ResidentFactory(community=community)
        return AssistanceCaseFactory(
            resident=resident,
            assigned_to=kwargs.pop("assigned_to", community_staff),
            opened_on=TODAY - dt.timedelta(days=opened_days_ago),
            **kwargs,
        )

    return make


@pytest.fixture
def give(community_staff):
    """Write services straight to the log (as other capabilities would)."""

    def give(case, kind, *days_after_opening, staff=None):
        for days in days_after_opening:
            ServiceRecord.objects.create(
                resident=case.resident,
                kind=kind,
                served_on=case.opened_on + dt.timedelta(days=days),
                staff=staff or community_staff,
                channel=ServiceChannel.PHONE,
            )

    return give


ALL4 = (
    ServiceKind.POLICY_CONTACT,
    ServiceKind.CAREER_GUIDANCE,
    ServiceKind.JOB_RECOMMENDATION,
    ServiceKind.TRAINING_INFORMATION,
)


@pytest.fixture
def month():
    return last_month()
