"""jobs.placements: apps that follow hires hear of each placement where it is made."""

import pytest
from django.utils import timezone

from jobs import placements, services
from jobs.models import Placement, PostingStatus, Recommendation, RecommendationState
from tests.factories import ResidentFactory
from tests.factories.jobs import PostingFactory


@pytest.fixture
def hire(community, community_staff):
    def _hire():
        posting = PostingFactory(community=community, employer__community=community, status=PostingStatus.PUBLISHED)
        rec = services.recommendation_create(
            actor=community_staff, resident=ResidentFactory(community=community), posting=posting
        )
        return services.recommendation_transition(
            actor=community_staff,
            recommendation=rec,
            transition="hire",
            started_on=timezone.localdate(),
            contract_months=12,
        )

    return _hire


@pytest.fixture
def listener(monkeypatch):
    heard = []
    monkeypatch.setattr(placements, "_LISTENERS", [heard.append])
    return heard


def test_a_listener_hears_each_placement_once(hire, listener):
    rec = hire()
    assert listener == [Placement.objects.get(recommendation=rec)]


def test_a_listener_that_fails_undoes_the_hire(hire, monkeypatch):
    def refuse(placement):
        raise RuntimeError("listener failed")

    monkeypatch.setattr(placements, "_LISTENERS", [refuse])
    with pytest.raises(RuntimeError):
        hire()
    assert not Placement.objects.exists()
    assert not Recommendation.objects.filter(state=RecommendationState.HIRED).exists()


def test_registering_the_same_listener_twice_calls_it_once(monkeypatch):
    heard = []
    monkeypatch.setattr(placements, "_LISTENERS", [])
    placements.register_placement_listener(heard.append)
    placements.register_placement_listener(heard.append)
    placements.placement_made("a placement")
    assert heard == ["a placement"]
