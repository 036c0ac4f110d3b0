"""The user's own employer import batches."""

import pytest
from django.http import Http404

from jobs import selectors
from tests.factories.imports import EmployerImportBatchFactory


def test_the_list_holds_only_the_users_own_batches(community_staff, other_community_staff):
    own = EmployerImportBatchFactory(created_by=community_staff)
    EmployerImportBatchFactory(created_by=other_community_staff)

    assert list(selectors.employer_import_batch_list(user=community_staff)) == [own]


def test_the_users_own_batch_comes_with_its_rows_when_asked(community_staff):
    own = EmployerImportBatchFactory(created_by=community_staff)

    assert selectors.employer_import_batch_get(user=community_staff, pk=own.pk, with_rows=True).rows == own.rows


def test_another_users_batch_answers_like_a_missing_one(community_staff, other_community_staff):
    other = EmployerImportBatchFactory(created_by=other_community_staff)

    with pytest.raises(Http404):
        selectors.employer_import_batch_get(user=community_staff, pk=other.pk)
    with pytest.raises(Http404):
        selectors.employer_import_batch_get(user=community_staff, pk=other.pk + 1000)
