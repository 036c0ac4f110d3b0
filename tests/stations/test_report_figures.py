"""Report figures of the stations app (stations/report_figures.py): workers in effect in a past month."""

import datetime as dt

from stations.figures import month_period
from stations.report_figures import compute_workers
from tests.factories import CommunityHeadcountFactory

D = dt.date


def test_a_past_months_worker_figures_are_those_in_effect_then(community):
    CommunityHeadcountFactory(community=community, effective_from=D(2026, 1, 1), community_worker_count=10)
    CommunityHeadcountFactory(community=community, effective_from=D(2026, 5, 1), community_worker_count=16)

    march = compute_workers(period=month_period(2026, 3), community_ids=[community.pk])
    may = compute_workers(period=month_period(2026, 5), community_ids=[community.pk])

    assert (march[community.pk]["community_workers"], may[community.pk]["community_workers"]) == (10, 16)
