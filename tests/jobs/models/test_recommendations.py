import pytest

from jobs.models import Recommendation, RecommendationState


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
def test_a_recommendation_offers_the_steps_its_state_allows(state, allowed):
    assert [t.name for t in Recommendation(state=state).allowed_transitions()] == allowed
