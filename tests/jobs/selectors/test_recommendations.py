"""Reads of recommendations and the residents and postings they name."""

from jobs import selectors
from jobs.models import PostingStatus
from tests.factories import ResidentFactory
from tests.factories.jobs import PostingFactory, RecommendationFactory
from tests.jobs.selectors.conftest import answers_like_a_missing_one


def test_another_areas_draft_cannot_be_recommended_but_its_published_posting_can(community_staff, far_community):
    draft = PostingFactory(employer__community=far_community, status=PostingStatus.DRAFT, published_at=None)
    published = PostingFactory(employer__community=far_community)

    assert selectors.recommendable_posting(user=community_staff, pk=draft.pk) is None
    assert selectors.recommendable_posting(user=community_staff, pk=published.pk) == published


def test_a_recommendation_of_another_area_answers_like_a_missing_one(community_staff, far_community):
    answers_like_a_missing_one(
        selectors.recommendation_get,
        user=community_staff,
        record=RecommendationFactory(resident__community=far_community),
    )


def test_a_resident_of_another_area_answers_like_a_missing_one(community_staff, far_community):
    answers_like_a_missing_one(
        selectors.resident_get, user=community_staff, record=ResidentFactory(community=far_community)
    )
