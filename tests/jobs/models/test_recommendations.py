import pytest

from jobs.models import Recommendation, RecommendationState
from jobs.models.recommendations import RECOMMENDATION_WORKFLOW


def test_a_recommendation_declares_its_workflow():
    assert Recommendation.workflow is RECOMMENDATION_WORKFLOW


@pytest.mark.parametrize(
    ("state", "allowed"),
    [
        (RecommendationState.RECOMMENDED, ["interview", "hire", "reject", "no_answer"]),
        (RecommendationState.INTERVIEW, ["hire", "reject", "no_answer"]),
        (RecommendationState.NO_ANSWER, ["interview", "hire", "reject"]),
        (RecommendationState.HIRED, []),
        (RecommendationState.REJECTED, []),
    ],
)
def test_a_recommendation_offers_the_steps_its_state_allows(state, allowed, community_staff):
    steps = RECOMMENDATION_WORKFLOW.allowed(Recommendation(state=state), community_staff)

    assert [step.name for step in steps] == allowed


def test_only_staff_who_keep_records_may_take_a_step(district_bureau):
    assert RECOMMENDATION_WORKFLOW.allowed(Recommendation(state=RecommendationState.RECOMMENDED), district_bureau) == []
