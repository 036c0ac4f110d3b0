"""Reads of job fairs."""

import pytest
from django.http import Http404

from jobs import selectors
from jobs.models import PostingStatus
from tests.factories.jobs import JobFairFactory, PostingFactory
from tests.jobs.selectors.conftest import answers_like_a_missing_one


def test_a_fair_offers_only_published_postings_of_the_users_area(community_staff, community, far_community):
    published = PostingFactory(employer__community=community)
    PostingFactory(employer__community=community, status=PostingStatus.DRAFT, published_at=None)
    PostingFactory(employer__community=far_community)

    assert list(selectors.fair_posting_choices(user=community_staff)) == [published]


def test_a_public_fair_must_be_published(community):
    hidden = JobFairFactory(community=community, is_published=False)
    shown = JobFairFactory(community=community, is_published=True)

    assert selectors.public_fair_get(pk=shown.pk) == shown
    with pytest.raises(Http404):
        selectors.public_fair_get(pk=hidden.pk)


def test_a_fair_of_another_area_answers_like_a_missing_one(community_staff, far_community):
    answers_like_a_missing_one(selectors.fair_get, user=community_staff, record=JobFairFactory(community=far_community))
