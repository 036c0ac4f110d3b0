"""Saved or deleted postings and employers drop the cached public job pages
(after the commit)."""

import pytest
from django.core.cache import cache

from tests.factories.jobs import EmployerFactory, PostingFactory

pytestmark = pytest.mark.django_db

VERSION = "public-page-version:jobs"  # stations.public_cache keeps the namespace's version here


def test_saving_a_posting_drops_the_cached_public_job_pages(community, django_capture_on_commit_callbacks):
    posting = PostingFactory(employer__community=community)
    before = cache.get(VERSION) or 0

    with django_capture_on_commit_callbacks(execute=True):
        posting.save()

    assert cache.get(VERSION) == before + 1


def test_deleting_an_employer_drops_the_cached_public_job_pages(community, django_capture_on_commit_callbacks):
    employer = EmployerFactory(community=community)
    before = cache.get(VERSION) or 0

    with django_capture_on_commit_callbacks(execute=True):
        employer.delete()

    assert cache.get(VERSION) == before + 1
