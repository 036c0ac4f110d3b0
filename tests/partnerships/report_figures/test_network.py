import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.models import Commitment, JointMeeting, Partner
from partnerships.report_figures.network import SOURCE, compute
from stations.figures import Period
from tests.factories import RelatedSiteFactory
from tests.factories.partnerships_network import CommitmentFactory, JointMeetingFactory, PartnerFactory

pytestmark = pytest.mark.django_db

PERIOD = Period(dt.date(2026, 6, 1), dt.date(2026, 6, 30), "2026-06")
D = dt.date


@pytest.fixture
def world(community, sibling_community):
    """Partners, meetings and commitments before, in and after June 2026."""
    site = RelatedSiteFactory(community=community, kind="embedded_point", is_active=True)
    closed_site = RelatedSiteFactory(community=community, kind="embedded_point", is_active=False)
    shared = PartnerFactory(community=community, partner_since=D(2025, 1, 1), communities=[sibling_community])
    PartnerFactory(community=community, partner_since=D(2026, 6, 30), kind="bank", service_point=site)
    PartnerFactory(community=community, partner_since=D(2026, 7, 1))  # not yet
    PartnerFactory(community=community, partner_since=D(2025, 1, 1), ended_on=D(2026, 6, 29))  # ended before
    # Ended after the period: its point, closed then, still stood at the period's end.
    PartnerFactory(community=community, partner_since=D(2025, 1, 1), ended_on=D(2026, 8, 1), service_point=closed_site)
    PartnerFactory(community=sibling_community, partner_since=D(2026, 1, 1))

    may = JointMeetingFactory(community=community, held_on=D(2026, 5, 10), partners=[shared])
    june = JointMeetingFactory(community=community, held_on=D(2026, 6, 15), partners=[shared])
    JointMeetingFactory(community=community, held_on=D(2026, 7, 2), partners=[shared])
    sibling_june = JointMeetingFactory(community=sibling_community, held_on=D(2026, 6, 1), partners=[shared])

    # made in June: 3 (two posts: 4 + 6 posts), 1 in the sibling
    CommitmentFactory(meeting=june, partner=shared, posts_promised=4, due_on=D(2026, 6, 20))  # open, late
    CommitmentFactory(meeting=june, partner=shared, posts_promised=6, due_on=D(2026, 9, 1))  # open, not late
    CommitmentFactory(meeting=june, partner=shared, kind="publicity", posts_promised=None, due_on=D(2026, 7, 1))
    CommitmentFactory(meeting=sibling_june, partner=shared, posts_promised=3, due_on=D(2026, 6, 10))
    # from May
    CommitmentFactory(  # done in June, late
        meeting=may, partner=shared, due_on=D(2026, 6, 1), status="done", closed_on=D(2026, 6, 5)
    )
    CommitmentFactory(  # done in June on time
        meeting=may, partner=shared, due_on=D(2026, 6, 30), status="done", closed_on=D(2026, 6, 30)
    )
    CommitmentFactory(  # open at the period's end, closed later: late then
        meeting=may, partner=shared, due_on=D(2026, 5, 31), status="done", closed_on=D(2026, 7, 3)
    )
    CommitmentFactory(  # dropped in May: not late
        meeting=may, partner=shared, due_on=D(2026, 5, 20), status="dropped", closed_on=D(2026, 5, 25)
    )
    return community, sibling_community


def _independent(community, end=PERIOD.end, start=PERIOD.start):
    partners = [
        p
        for p in Partner.objects.filter(community=community).select_related("service_point")
        if p.partner_since <= end and (p.ended_on is None or p.ended_on >= end)
    ]
    commitments = list(Commitment.objects.filter(meeting__community=community).select_related("meeting"))

    def done_in(c):
        return c.status == "done" and start <= c.closed_on <= end

    def late(c):
        open_then = (c.status == "open" or (c.closed_on and c.closed_on > end)) and c.meeting.held_on <= end
        return (open_then and c.due_on < end) or (done_in(c) and c.closed_on > c.due_on)

    made = [c for c in commitments if start <= c.meeting.held_on <= end]
    return {
        "network_partners_active": len(partners),
        "network_partners_service_point": sum(
            1 for p in partners if p.service_point and (p.service_point.is_active or (p.ended_on or end) > end)
        ),
        "network_meetings": JointMeeting.objects.filter(community=community, held_on__range=(start, end)).count(),
        "network_commitments_made": len(made),
        "network_commitments_done": sum(1 for c in commitments if done_in(c)),
        "network_commitments_late": sum(1 for c in commitments if late(c)),
        "network_posts_promised": sum(c.posts_promised or 0 for c in made),
    }


def test_every_figure_equals_an_independent_count(world):
    community, sibling = world
    rows = compute(period=PERIOD, community_ids=None)
    for c in (community, sibling):
        expected = _independent(c)
        assert {k: rows.get(c.pk, {}).get(k, 0) for k in expected} == expected


def test_the_worked_numbers_for_the_lead_community(world):
    community, _ = world
    row = compute(period=PERIOD, community_ids=[community.pk])[community.pk]
    assert row["network_partners_active"] == 3
    assert row["network_partners_service_point"] == 2
    assert row["network_meetings"] == 1
    assert row["network_commitments_made"] == 3
    assert row["network_commitments_done"] == 2
    assert row["network_commitments_late"] == 3
    assert row["network_posts_promised"] == 10


def test_a_shared_partner_counts_for_its_lead_community_only(world):
    community, sibling = world
    rows = compute(period=PERIOD, community_ids=None)
    assert rows[sibling.pk]["network_partners_active"] == 1
    assert sum(r.get("network_partners_active", 0) for r in rows.values()) == 4


def test_limited_to_the_communities_asked_for(world):
    community, sibling = world
    assert set(compute(period=PERIOD, community_ids=[sibling.pk])) == {sibling.pk}


def test_a_constant_number_of_queries(world):
    with CaptureQueriesContext(connection) as ctx:
        compute(period=PERIOD, community_ids=None)
    assert len(ctx.captured_queries) == 3


def test_keys_are_prefixed_and_one_headline():
    keys = [f.key for f in SOURCE.figures]
    assert all(k.startswith("network_") for k in keys)
    assert [f.key for f in SOURCE.figures if f.headline] == ["network_meetings"]
    assert all(f.definition and f.records for f in SOURCE.figures)
