"""What a refusal says (stations/closed_months/changes.py)."""

import pytest

from stations import closed_months
from tests.factories.reports import close_month, day_in
from tests.stations.closed_months.conftest import record_service

pytestmark = pytest.mark.django_db


def test_the_refusal_names_the_month_the_community_and_the_figure(community_staff, resident, month):
    close_month(community=resident.community, by=community_staff)
    with pytest.raises(closed_months.ClosedMonthError) as refused:
        record_service(community_staff, resident, day_in(month))
    message = refused.value.messages[0]
    assert month.label in message
    assert resident.community.name in message
    assert "0 → 1" in message
    assert refused.value.code == "closed_month"
    assert [(c.month, c.figures["services_given"]) for c in refused.value.changes] == [(month.start, (0.0, 1.0))]
