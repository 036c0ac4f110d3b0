import datetime as dt
from decimal import Decimal

from entrepreneurship.report_figures import compute
from stations.figures import Period
from tests.factories import ResidentFactory
from tests.factories.entrepreneurship import paid_application

DAY = dt.date(2026, 10, 15)
OCTOBER = Period(dt.date(2026, 10, 1), dt.date(2026, 10, 31), "2026-10")


def test_a_payment_counts_in_the_period_of_its_payment_date(community):
    paid_application(resident=ResidentFactory(community=community), paid_on=DAY, amount="12000")
    paid_application(resident=ResidentFactory(community=community), paid_on=DAY - dt.timedelta(days=30))
    figures = compute(period=OCTOBER, community_ids=None)[community.pk]
    assert (figures["subsidies_paid"], Decimal(figures["subsidies_paid_yuan"])) == (1, Decimal("12000"))


def test_only_the_nodes_communities_are_counted(community, far_community):
    paid_application(resident=ResidentFactory(community=far_community), paid_on=DAY)
    assert compute(period=OCTOBER, community_ids=[community.pk]) == {}
