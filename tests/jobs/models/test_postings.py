"""A posting's review is a declared transition table (POSTING_WORKFLOW)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from jobs.models import Posting, PostingStatus
from tests.factories.jobs import EmployerFactory, PostingFactory


@pytest.mark.django_db
def test_salary_min_above_max_is_refused_by_the_database(community):
    with pytest.raises(IntegrityError), transaction.atomic():
        PostingFactory(employer__community=community, salary_min=5000, salary_max=4000)


@pytest.mark.django_db
def test_salary_must_be_positive_in_the_database(community):
    with pytest.raises(IntegrityError), transaction.atomic():
        PostingFactory(employer__community=community, salary_min=0, salary_max=4000)


@pytest.mark.django_db
def test_posting_clean_explains_salary_and_window_errors(community):
    posting = PostingFactory.build(
        employer=EmployerFactory(community=community), community=community, salary_min=5000, salary_max=4000
    )
    posting.valid_until = posting.valid_from.replace(year=posting.valid_from.year - 1)
    with pytest.raises(ValidationError) as exc:
        posting.full_clean()
    assert {"salary_max", "valid_until"} <= set(exc.value.message_dict)


@pytest.mark.django_db
def test_published_posting_needs_a_publication_date(community):
    with pytest.raises(IntegrityError), transaction.atomic():
        PostingFactory(employer__community=community, published_at=None)


@pytest.mark.django_db
def test_live_means_published_and_inside_the_window(community):

    today = timezone.localdate()
    live = PostingFactory(employer__community=community)
    PostingFactory(
        employer__community=community, valid_until=today - dt.timedelta(days=1), valid_from=today - dt.timedelta(days=5)
    )
    PostingFactory(employer__community=community, status="pending", published_at=None)
    assert list(Posting.objects.live(on=today)) == [live]


def test_the_database_refuses_a_published_posting_the_screening_blocks(community):
    with pytest.raises(IntegrityError), transaction.atomic():
        PostingFactory(employer__community=community, screening_blocked=True)


S = PostingStatus


@pytest.mark.parametrize(
    ("status", "steps"),
    [
        (S.DRAFT, ["publish", "reject"]),
        (S.PENDING, ["publish", "reject"]),
        (S.REJECTED, ["publish"]),
        (S.PUBLISHED, ["filled"]),
        (S.FILLED, []),
        (S.EXPIRED, []),
    ],
)
def test_the_table_says_which_steps_each_status_allows(status, steps, community, community_staff):
    posting = PostingFactory(employer__community=community, status=status)

    assert [step.name for step in Posting.workflow.allowed(posting, community_staff)] == steps


def test_a_role_that_keeps_no_records_is_offered_no_step(community, district_bureau):
    posting = PostingFactory(employer__community=community, status=S.PENDING, published_at=None)

    assert Posting.workflow.allowed(posting, district_bureau) == []
